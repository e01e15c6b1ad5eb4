// One policy file as the stages see it: raw text, the parsed YAML document
// with source ranges, and the helpers that turn a data path into a position.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Position } from './diagnostics.ts';
import { START } from './diagnostics.ts';
import { LineIndex } from './line-index.ts';

export type PolicyKind = 'agent' | 'bottle';

export interface PolicyFile {
  kind: PolicyKind;
  /** File name without `.md`: the agent's or bottle's name. */
  name: string;
  /** Relative to the policy root, forward slashes: `.bot-bottle/bottles/web.md`. */
  path: string;
  /** sha256 hex of the file's bytes. */
  sha256: string;
  text: string;
  lines: LineIndex;
  /** Offset of the YAML text inside `text`; -1 when there is no frontmatter. */
  yamlOffset: number;
  doc?: Document.Parsed;
  /** Plain data of the frontmatter; set only when it parsed into a mapping. */
  data?: Record<string, unknown>;
  /** The Markdown after the frontmatter. */
  body: string;
  /** Offset of the body inside `text`. */
  bodyOffset: number;
}

export type DataPath = ReadonlyArray<string | number>;

/** Where a value (or, with `key: true`, its key) sits in the original `.md` file. */
export function locate(file: PolicyFile, path: DataPath, opts: { key?: boolean } = {}): Position {
  const doc = file.doc;
  if (!doc || file.yamlOffset < 0) return START;
  let node: unknown = doc.contents;
  let best: unknown = node;
  let keyNode: unknown;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && scalarKey(p.key) === String(seg));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
    } else {
      break;
    }
    best = node;
  }
  const target = opts.key && keyNode ? keyNode : best;
  const range = (target as YamlNode | undefined)?.range;
  if (!range) return file.lines.at(file.yamlOffset);
  return file.lines.at(file.yamlOffset + range[0]);
}

/** Position of an offset inside the frontmatter YAML text. */
export function yamlPos(file: PolicyFile, yamlOffset: number): Position {
  return file.lines.at(Math.max(0, file.yamlOffset) + yamlOffset);
}

function scalarKey(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
