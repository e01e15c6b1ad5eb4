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
  pid?: number;
  digest: string;
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
