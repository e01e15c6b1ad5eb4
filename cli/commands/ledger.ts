// `cork ledger export --state-dir DIR [--kind usage|decisions|actions]
// [--since TIME] [--format jsonl]`: the ledger's rows, one JSON object per
// line, oldest first. With no runtime on the state dir (stopped, or crashed:
// a lock left by a dead pid is taken over) the database is read directly;
// while a runtime holds it, the runtime streams the rows over its control
// socket.
import { existsSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { controlSocketPath } from '../../runtime/control/client.ts';
import { LedgerError, LedgerLockedError } from '../../runtime/state/errors.ts';
import { EXPORT_KINDS, ledgerPaths, openLedger, type ExportKind } from '../../runtime/state/ledger.ts';
import { EXIT, UsageError } from '../io.ts';

// The same default as `cork runtime start` (cli/commands/runtime.ts), not
// imported from there: that module pulls the whole runtime in.
const DEFAULT_STATE_DIR = '.cork';
const USAGE = 'usage: cork ledger export [--state-dir DIR] [--kind usage|decisions|actions] [--since TIME] [--format jsonl]';

export interface LedgerOpts {
  stateDir?: string;
  kind?: string;
  since?: string;
  format?: string;
}

export async function ledgerCommand(sub: string | undefined, opts: LedgerOpts): Promise<number> {
  if (sub !== 'export') throw new UsageError(sub ? `unknown ledger command "${sub}" (${USAGE})` : USAGE);
  if (opts.format !== undefined && opts.format !== 'jsonl') throw new UsageError(`--format must be jsonl (the only export format for now; got "${opts.format}")`);
  const kind = (opts.kind ?? 'usage') as ExportKind;
  if (!EXPORT_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${EXPORT_KINDS.join(', ')} (got "${opts.kind}")`);
  const since = opts.since === undefined ? undefined : parseSince(opts.since, Date.now());
  const stateDir = resolve(opts.stateDir ?? DEFAULT_STATE_DIR);
  // Never create a ledger by exporting from a mistyped directory.
  if (!existsSync(ledgerPaths(stateDir).db)) throw new UsageError(`no ledger in ${stateDir} (${ledgerPaths(stateDir).db} does not exist)`);

  let ledger;
  try {
    ledger = await openLedger(stateDir);
  } catch (e) {
    if (e instanceof LedgerLockedError) return exportFromRuntime(stateDir, e, kind, since);
    if (e instanceof LedgerError) throw new UsageError(`cannot open the ledger in ${stateDir}: ${e.message} (${e.code})`);
    throw e;
  }
  try {
    await toStdout(Readable.from(jsonLines(ledger.exportRows({ kind, ...(since === undefined ? {} : { since }) }))));
  } catch (e) {
    if (e instanceof LedgerError) throw new UsageError(`ledger export failed: ${e.message} (${e.code})`);
    throw e;
  } finally {
    await ledger.close().catch(() => undefined);
  }
  return EXIT.ok;
}

/** Rows as JSON lines, gathered into chunks of about 64 KiB. */
async function* jsonLines(rows: AsyncIterable<Record<string, unknown>>): AsyncGenerator<string> {
  let chunk = '';
  for await (const row of rows) {
    chunk += `${JSON.stringify(row)}\n`;
    if (chunk.length >= 65536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** With backpressure; a reader that goes away (`| head`) ends the export quietly. */
async function toStdout(src: Readable): Promise<void> {
  try {
    await pipeline(src, process.stdout, { end: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
  }
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO time, or a duration back from `now` (30m, 1h, 7d); ms since the epoch. */
export function parseSince(text: string, now: number): number {
  const rel = /^(\d+)([smhdw])$/.exec(text.trim());
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2]!]!;
  const t = ISO_TIME.test(text.trim()) ? Date.parse(text.trim()) : NaN;
  if (Number.isNaN(t)) throw new UsageError(`--since must be an ISO time (2026-01-31T12:00:00Z) or a duration back from now (30m, 1h, 7d); got "${text}"`);
  return t;
}

/**
 * The runtime's side (runtime/control, added with the endpoint):
 *
 *   GET /v1/ledger/export?kind=usage|decisions|actions[&since=<ms since the epoch>]
 *   200, content-type application/x-ndjson: one row per line, exactly the
 *       objects Ledger.exportRows yields, in commit order; the body ends
 *       after the last row.
 *   400 {error, code} for a bad kind or since; 503 {error, code} when the
 *       runtime has no ledger; other errors as every control endpoint.
 *
 * `since` is resolved here, so a relative --since means the same instant
 * whichever side reads the rows.
 */
async function exportFromRuntime(stateDir: string, locked: LedgerLockedError, kind: ExportKind, since: number | undefined): Promise<number> {
  const socketPath = controlSocketPath(stateDir);
  const query = new URLSearchParams({ kind, ...(since === undefined ? {} : { since: String(since) }) });
  const res = await new Promise<IncomingMessage>((resolvePromise, reject) => {
    const req = request({ socketPath, method: 'GET', path: `/v1/ledger/export?${query}` }, resolvePromise);
    req.on('error', (e: NodeJS.ErrnoException) => {
      reject(new UsageError(`${locked.message}, and no runtime answers on ${socketPath} (${e.code ?? e.message}): stop that process or wait for it, then export again`));
    });
    req.end();
  });
  if (res.statusCode !== 200) {
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    let reason = `HTTP ${res.statusCode}`;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: string; code?: string };
      reason = `${body.error ?? reason}${body.code ? ` (${body.code})` : ''}`;
    } catch {
      // not JSON: the status says enough
    }
    throw new UsageError(`the runtime (pid ${locked.holderPid}) refused the export: ${reason}`);
  }
  try {
    await toStdout(res);
  } catch (e) {
    throw new UsageError(`the runtime (pid ${locked.holderPid}) broke off the export: ${(e as Error).message}`);
  }
  return EXIT.ok;
}
