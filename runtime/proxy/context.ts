// What the proxy's handlers share: built once at start, swapped pieces (the
// policy) behind getters so a reload is one assignment.
import type { Limits } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Actor, EnforcementAction } from '../metering/enforcement.ts';
import type { Session, SessionRegistry } from '../sessions.ts';
import type { Ledger } from '../state/ledger.ts';
import type { Upstreams } from './upstream.ts';

export interface ProxyContext {
  readonly sessions: SessionRegistry;
  readonly upstreams: Upstreams;
  readonly limits: Limits;
  readonly log: Logger;
  /** The real value of a credential env var, read from the runtime's environment. */
  credential(name: string): string | undefined;
  /** host:port forms naming the proxy itself (absolute-form gateway requests). */
  readonly selfAuthorities: Set<string>;
  /** Requests in flight, for graceful shutdown and reload-under-load. */
  inflight: number;
  /** Usage, decisions and actions; absent only in tests that run the proxy alone. */
  readonly ledger?: Ledger;
  /** Applies a cutoff policy or an operator's action to a session. */
  enforce(session: Session, action: EnforcementAction, actor: Actor, reason: string): void;
}
