// Every refusal leaves the proxy the same way: the rule's status and the one
// JSON body shape, logged at egress.log >= 1.
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { refusalBody, refusalStatus, type RefusalContext, type RuleId } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Ledger } from '../state/ledger.ts';
import { recordDecision } from './decisions.ts';

export interface RefusalLog {
  log: Logger;
  level: 0 | 1 | 2;
  session?: string;
  agent?: string;
  digest?: string;
  /** Every refusal of a known session is a decision row. */
  ledger?: Ledger;
}

export function refuse(res: ServerResponse, rule: RuleId, ctx: RefusalContext, audit: RefusalLog): void {
  const body = refusalBody(rule, ctx);
  const status = refusalStatus(rule);
  if (audit.level >= 1) audit.log.warn({ event: 'refused', status, ...body, session: audit.session, digest: audit.digest }, 'refused');
  if (audit.ledger && audit.session) recordDecision(audit.ledger, { session: audit.session, agent: audit.agent ?? null, rule, method: ctx.method, host: ctx.host, path: ctx.path, status, digest: audit.digest ?? '', reason: body.reason });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' };
  if (status === 407) headers['proxy-authenticate'] = 'Basic realm="cork"';
  res.writeHead(status, headers);
  res.end(text);
}

/** The same refusal written raw on a socket (CONNECT, malformed requests), then closed. */
export function refuseSocket(socket: Duplex, rule: RuleId, ctx: RefusalContext, audit: RefusalLog): void {
  const body = refusalBody(rule, ctx);
  const status = refusalStatus(rule);
  if (audit.level >= 1) audit.log.warn({ event: 'refused', status, ...body, session: audit.session, digest: audit.digest }, 'refused');
  const text = JSON.stringify(body);
  const extra = status === 407 ? 'Proxy-Authenticate: Basic realm="cork"\r\n' : '';
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n${extra}Connection: close\r\n\r\n${text}`,
    );
  } else {
    socket.destroy();
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  413: 'Content Too Large',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
