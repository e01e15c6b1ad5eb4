// Stage 0: find the policy files under <root>/.bot-bottle and read them as
// bytes. Everything about the file itself (name, size, encoding) is checked
// here, before any parser sees it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostics, Position } from './diagnostics.ts';
import { START } from './diagnostics.ts';
import type { PolicyKind } from './source.ts';

export const POLICY_DIR = '.bot-bottle';
export const MAX_FILE_BYTES = 256 * 1024;
export const NAME_RE = /^[a-z][a-z0-9-]*$/;
const FILE_RE = /^[a-z][a-z0-9-]*\.md$/;

export interface RawFile {
  kind: PolicyKind;
  name: string;
  path: string;
  sha256: string;
  text: string;
}

const KIND_DIRS: ReadonlyArray<[PolicyKind, string]> = [
  ['agent', 'agents'],
  ['bottle', 'bottles'],
];

export class PolicyRootError extends Error {
  readonly code = 'CORK_NO_POLICY_DIR';
}

/** Reads every `.md` under agents/ and bottles/, sorted by path so output never depends on readdir order. */
export function loadRepo(root: string, diags: Diagnostics): RawFile[] {
  const base = join(root, POLICY_DIR);
  if (!isDir(base)) {
    throw new PolicyRootError(`no ${POLICY_DIR}/ folder in ${root} (pass the policy repo's root, or --root)`);
  }
  const files: RawFile[] = [];
  for (const [kind, dir] of KIND_DIRS) {
    const abs = join(base, dir);
    if (!isDir(abs)) continue;
    const entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    const names: string[] = [];
    for (const e of entries) {
      const rel = `${POLICY_DIR}/${dir}/${e.name}`;
      if (/\.md$/i.test(e.name) && !e.isDirectory()) names.push(e.name);
      else if (!e.name.startsWith('.')) {
        // Said out loud: a policy file that is silently not read is a policy that silently does not apply.
        const why = e.isDirectory() ? 'folders inside ' + dir + '/ are not read' : `only ${dir}/<name>.md files are read`;
        diags.warning(rel, START, 'file/ignored', `${e.name} is ignored: ${why}`);
      }
    }
    for (const fileName of names) {
      const rel = `${POLICY_DIR}/${dir}/${fileName}`;
      const raw = readOne(join(abs, fileName), rel, diags);
      if (!raw) continue;
      if (!FILE_RE.test(fileName)) {
        diags.error(rel, START, 'file/bad-name', `file name "${fileName}" must match ^[a-z][a-z0-9-]*\\.md$ (lower-case letters, digits and dashes, starting with a letter)`);
        continue;
      }
      files.push({ kind, name: fileName.slice(0, -3), path: rel, ...raw });
    }
  }
  return files;
}

function readOne(abs: string, rel: string, diags: Diagnostics): { sha256: string; text: string } | undefined {
  let bytes: Buffer;
  try {
    const size = statSync(abs).size;
    if (size > MAX_FILE_BYTES) {
      diags.error(rel, START, 'file/too-large', `file is ${size} bytes; policy files are capped at ${MAX_FILE_BYTES} bytes`);
      return undefined;
    }
    bytes = readFileSync(abs);
  } catch (err) {
    diags.error(rel, START, 'file/unreadable', `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return undefined;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    diags.error(rel, bytePosition(bytes, bad), 'file/invalid-utf8', `invalid UTF-8 byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte offset ${bad}`);
    return undefined;
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { sha256, text };
}

/** Offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // Slow path only for broken files: find the byte for the diagnostic.
  }
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return -1;
}

/** Line:column of a byte offset, counting columns in characters of the valid prefix. */
function bytePosition(bytes: Uint8Array, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder().decode(bytes.subarray(lineStart, offset));
  return { line, column: prefix.length + 1 };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
