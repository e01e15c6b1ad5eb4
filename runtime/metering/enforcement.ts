// What happens to a session when a budget is crossed (the bottle's cutoff
// policy, no agent in the loop) or when the operator says so:
// - cutoff: every metered route of the session answers 429; the agent runs on;
// - freeze: the session's processes are stopped (SIGSTOP), resumable;
// - kill: they are ended (SIGTERM, then SIGKILL after a grace period);
// - resume: a frozen session is continued (SIGCONT), a cut-off one reopened.
// Every action is written to the ledger with who did it and why.
import type { Logger } from '../log.ts';
import type { Ledger } from '../state/ledger.ts';
import { type SessionProcesses, sessionAlive, signalSession } from './process-control.ts';

export type SessionState = 'active' | 'cutoff' | 'frozen' | 'killed';
export type EnforcementAction = 'cutoff' | 'freeze' | 'resume' | 'kill';
export type Actor = 'budget' | 'operator';

/** The part of a session enforcement reads and changes. */
export interface Enforceable {
  readonly id: string;
  metering: { state: SessionState; reason: string | undefined };
  processes(): SessionProcesses;
  digest(): string;
  /** Writes the session's row (with its new state) to the ledger: the runtime owns that row's shape. */
  recordState(): void;
}

export class EnforcementError extends Error {
  constructor(
    readonly code: 'CORK_SESSION_KILLED' | 'CORK_SESSION_NOT_ENFORCED',
    message: string,
  ) {
    super(message);
  }
}

export interface EnforcementResult {
  session: string;
  state: SessionState;
  /** Processes (or groups) that took the signal; 0 for cutoff, or when none is known. */
  signalled: number;
}

const STATE_AFTER: Record<Exclude<EnforcementAction, 'resume'>, SessionState> = { cutoff: 'cutoff', freeze: 'frozen', kill: 'killed' };

export class Enforcement {
  constructor(
    private readonly ledger: Ledger | undefined,
    private readonly log: Logger,
    private readonly killGraceMs: number,
  ) {}

  apply(s: Enforceable, action: EnforcementAction, actor: Actor, reason: string): EnforcementResult {
    const before = s.metering.state;
    if (before === 'killed') throw new EnforcementError('CORK_SESSION_KILLED', `session ${s.id} was killed; open a new session instead`);
    let signalled = 0;
    if (action === 'resume') {
      if (before === 'active') throw new EnforcementError('CORK_SESSION_NOT_ENFORCED', `session ${s.id} is not cut off, frozen or killed`);
      if (before === 'frozen') signalled = signalSession(s.processes(), 'SIGCONT');
      s.metering.state = 'active';
      s.metering.reason = undefined;
    } else {
      // Already there (a budget firing again), or a frozen session being cut off: nothing changes, nothing is recorded.
      if (before === STATE_AFTER[action] || (action === 'cutoff' && before === 'frozen')) return { session: s.id, state: before, signalled: 0 };
      if (action === 'freeze') signalled = signalSession(s.processes(), 'SIGSTOP');
      if (action === 'kill') signalled = this.#kill(s.processes(), before === 'frozen');
      s.metering.state = STATE_AFTER[action];
      s.metering.reason = reason;
    }
    const digest = s.digest();
    this.log.warn({ event: 'enforcement', session: s.id, action, actor, reason, state: s.metering.state, signalled, digest }, `session ${action}`);
    const now = Date.now();
    this.#durable(this.ledger?.recordAction({ ts: now, session: s.id, action, actor, reason, bundle_digest: digest }));
    s.recordState();
    return { session: s.id, state: s.metering.state, signalled };
  }

  #kill(procs: SessionProcesses, frozen: boolean): number {
    if (frozen) signalSession(procs, 'SIGCONT');
    const n = signalSession(procs, 'SIGTERM');
    const timer = setTimeout(() => {
      if (sessionAlive(procs)) signalSession(procs, 'SIGKILL');
    }, this.killGraceMs);
    timer.unref();
    return n;
  }

  /** The action already happened; a ledger that cannot record it is logged, never allowed to undo it. */
  #durable(p: Promise<void> | undefined): void {
    p?.catch((err: Error) => this.log.error({ event: 'ledger-write-failed', err: err.message }, 'could not record an enforcement action'));
  }
}
