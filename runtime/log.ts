// pino JSON-lines logging. Per-session `egress.log`: 0 nothing per request,
// 1 every refusal, 2 every request and response line. Headers are logged with
// credentials redacted; bodies never.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(dest: string | number): Logger {
  return pino(
    { base: { svc: 'cork-runtime' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest, sync: false, mkdir: true }),
  );
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie', 'api-key', 'x-goog-api-key']);

/** A copy of headers safe to log: credential-bearing values become "[redacted]". */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? '[redacted]' : v;
  }
  return out;
}
