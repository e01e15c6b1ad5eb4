// Small CLI plumbing shared by the commands: usage errors, file I/O that
// reports paths instead of stack traces, atomic writes.
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** Exit status: 0 clean, 1 policy problem, 2 usage or internal error. */
export const EXIT = { ok: 0, policy: 1, usage: 2 } as const;

/** A problem with how cork was called or with a file it was pointed at. Printed without a stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}`);
  }
}

/** Write to a temp name and rename, so a reader never sees half a bundle. */
export function writeAtomic(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    throw new UsageError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

export function out(text: string): void {
  if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
