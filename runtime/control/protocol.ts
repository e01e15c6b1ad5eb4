// The control API spoken over the Unix socket (mode 0600 in the state dir):
// JSON over HTTP/1.1. Only the operator's tools (cork run, cork runtime
// reload, later the console) talk to it; agents never can.

export const CONTROL_SOCKET = 'control.sock';

export interface StatusReply {
  pid: number;
  listen: string;
  digest: string;
  bundlePath: string;
  revision?: string;
  sessions: number;
  inflight: number;
  startedAt: string;
  /** Plugin calls since the current bundle loaded: inline (small bodies, built-ins), in the pool, failed. */
  plugins: { inline: number; pool: number; failed: number };
}

export interface OpenSessionRequest {
  agent: string;
  bottles?: string[];
  pid?: number;
  /** `cork run --budget provider=N`: this session's overrides, on top of the runtime's. */
  budgets?: Record<string, number>;
}

export interface OpenSessionReply {
  id: string;
  token: string;
  key: string;
  listen: string;
  agent: string;
  bottles: string[];
  digest: string;
  /** The session's effective bottle env (prompts unresolved). */
  env: Record<string, string>;
  /** Every credential variable of the bundle: stripped from the command's environment. */
  credentialNames: string[];
}

export interface SessionSummary {
  id: string;
  agent: string;
  bottles: string[];
  openedAt: string;
  /** The launcher (`cork run`). */
  pid?: number;
  /** The command it runs, and that command's process group. */
  commandPid?: number;
  pgid?: number;
  digest: string;
  state: 'active' | 'cutoff' | 'frozen' | 'killed';
}

/** `POST /v1/sessions/<id>/process`: the launcher tells the runtime which processes freeze and kill reach. */
export interface SessionProcessRequest {
  commandPid?: number;
  pgid?: number;
}

/** `POST /v1/sessions/<id>/{cutoff,freeze,resume,kill}` answers this. */
export interface EnforcementReply {
  session: string;
  state: 'active' | 'cutoff' | 'frozen' | 'killed';
  signalled: number;
}

/** `GET /v1/usage[?session=ID]`: each session's budgets against its spending. */
export interface SessionUsage {
  session: string;
  agent: string;
  bottles: string[];
  state: 'active' | 'cutoff' | 'frozen' | 'killed';
  reason?: string;
  cutoff: 'cutoff' | 'freeze' | 'kill';
  budgets: Array<{ provider: string; limit: number | null; used: number; reserved: number; windowStart: number | null; windowMs: number | null; scope: string | null; source: string | null }>;
}

export interface ReloadRequest {
  path?: string;
}

export interface ReloadReply {
  digest: string;
  path: string;
}

export interface ControlError {
  error: string;
  code: string;
}
