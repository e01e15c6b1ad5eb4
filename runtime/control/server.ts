// The control API server on a Unix socket. The socket's mode (0600) is the
// authentication: only the operator's user can connect.
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { EnforcementAction } from '../metering/enforcement.ts';
import { EXPORT_KINDS, type ExportKind } from '../state/ledger.ts';
import type { OpenSessionRequest, ReloadRequest, SessionProcessRequest } from './protocol.ts';

export interface ControlHandlers {
  status(): unknown;
  sessions(): unknown;
  openSession(req: OpenSessionRequest): unknown;
  closeSession(id: string): boolean;
  reload(req: ReloadRequest): unknown;
  sessionProcess(id: string, req: SessionProcessRequest): unknown;
  enforce(id: string, action: EnforcementAction, req: { reason?: unknown }): unknown;
  usage(id?: string): unknown;
  /** Rows in commit order, paged by the store. */
  exportLedger(q: { kind: ExportKind; since?: number }): AsyncIterable<Record<string, unknown>>;
}

const ACTIONS: ReadonlySet<string> = new Set(['cutoff', 'freeze', 'resume', 'kill']);

/** An error the handler wants the client to see, with a stable code. */
export class ControlRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 64 * 1024;

export async function listenControl(path: string, handlers: ControlHandlers): Promise<Server> {
  await refuseIfLive(path);
  const server = createServer(controlRequestListener(handlers));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // umask-independent: tighten right after bind, before anyone is told the path.
    server.listen(path, () => {
      chmodSync(path, 0o600);
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** The request handler over a set of handlers; swappable once the runtime is ready. */
export function controlRequestListener(handlers: ControlHandlers): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(req, res, handlers).catch((err: unknown) => {
      const e = err instanceof ControlRequestError ? err : new ControlRequestError(500, 'CORK_CONTROL_INTERNAL', (err as Error)?.message ?? String(err));
      send(res, e.status, { error: e.message, code: e.code });
    });
  };
}

/** A live socket means another runtime owns this state dir; a dead one is left over from a crash. */
async function refuseIfLive(path: string): Promise<void> {
  if (!existsSync(path)) return;
  const live = await new Promise<boolean>((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
  if (live) throw new ControlRequestError(409, 'CORK_STATE_DIR_BUSY', `another cork runtime is already running on ${path}; stop it or use another --state-dir`);
  unlinkSync(path);
}

async function route(req: IncomingMessage, res: ServerResponse, h: ControlHandlers): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://cork');
  const method = req.method ?? 'GET';
  const p = url.pathname;
  if (method === 'GET' && p === '/v1/status') return send(res, 200, h.status());
  if (method === 'GET' && p === '/v1/sessions') return send(res, 200, h.sessions());
  if (method === 'POST' && p === '/v1/sessions') return send(res, 201, h.openSession(object(await body(req)) as unknown as OpenSessionRequest));
  const m = /^\/v1\/sessions\/([A-Za-z0-9-]+)$/.exec(p);
  if (method === 'DELETE' && m) {
    if (!h.closeSession(m[1]!)) throw new ControlRequestError(404, 'CORK_NO_SESSION', `no session ${m[1]}`);
    return send(res, 200, { closed: m[1] });
  }
  if (method === 'POST' && p === '/v1/reload') return send(res, 200, await h.reload(object(await body(req)) as ReloadRequest));
  if (method === 'GET' && p === '/v1/usage') return send(res, 200, h.usage(url.searchParams.get('session') ?? undefined));
  const act = /^\/v1\/sessions\/([A-Za-z0-9-]+)\/([a-z]+)$/.exec(p);
  if (method === 'POST' && act && act[2] === 'process') return send(res, 200, h.sessionProcess(act[1]!, object(await body(req)) as SessionProcessRequest));
  if (method === 'POST' && act && ACTIONS.has(act[2]!)) return send(res, 200, h.enforce(act[1]!, act[2] as EnforcementAction, object(await body(req))));
  if (method === 'GET' && p === '/v1/ledger/export') return exportLedger(res, h, url.searchParams);
  throw new ControlRequestError(404, 'CORK_CONTROL_NOT_FOUND', `no control endpoint ${method} ${p}`);
}

/** JSON lines, streamed page by page; an error after the first row can only cut the stream. */
async function exportLedger(res: ServerResponse, h: ControlHandlers, q: URLSearchParams): Promise<void> {
  const kind = q.get('kind') ?? 'usage';
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) throw new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', `kind must be one of ${EXPORT_KINDS.join(', ')}`);
  const sinceText = q.get('since');
  const since = sinceText === null ? undefined : Number(sinceText);
  if (since !== undefined && !Number.isSafeInteger(since)) throw new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', 'since must be milliseconds since the epoch');
  const rows = h.exportLedger({ kind: kind as ExportKind, ...(since === undefined ? {} : { since }) })[Symbol.asyncIterator]();
  let first = await rows.next();
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  try {
    for (; !first.done; first = await rows.next()) {
      if (!res.write(`${JSON.stringify(first.value)}\n`)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  } catch {
    res.destroy();
  }
}

function object(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', 'expected a JSON object');
  return v as Record<string, unknown>;
}

function body(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ControlRequestError(413, 'CORK_CONTROL_BAD_REQUEST', 'control request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(size ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new ControlRequestError(400, 'CORK_CONTROL_BAD_REQUEST', 'body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
