// Stage 1: split each file into frontmatter and body with unified +
// remark-frontmatter, then parse the YAML with the `yaml` package so every
// node keeps its source range (shifted by the frontmatter's offset).
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { isMap, isNode, parseDocument, visit, type Document } from 'yaml';
import type { Diagnostics } from './diagnostics.ts';
import { LineIndex } from './line-index.ts';
import type { RawFile } from './load.ts';
import type { PolicyFile } from './source.ts';
import { yamlPos } from './source.ts';

/** YAML bombs: more alias expansions than this is refused. */
export const MAX_ALIAS_COUNT = 100;

// Configured once and frozen: every file goes through the same processor.
const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

interface YamlNodeLike {
  type: string;
  value?: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
}

export function parseFile(raw: RawFile, diags: Diagnostics): PolicyFile {
  const file: PolicyFile = {
    ...raw,
    lines: new LineIndex(raw.text),
    yamlOffset: -1,
    body: raw.text,
    bodyOffset: 0,
  };
  const tree = markdown.parse(frontmatterCandidate(raw.text)) as { children: YamlNodeLike[] };
  const front = tree.children[0];
  if (!front || front.type !== 'yaml') {
    if (/^---\r?\n/.test(raw.text)) {
      diags.error(file.path, { line: 1, column: 1 }, 'parse/no-frontmatter', 'the frontmatter opened with "---" on line 1 is never closed: add a "---" line after the YAML');
      return file;
    }
    diags.error(file.path, { line: 1, column: 1 }, 'parse/no-frontmatter', 'no YAML frontmatter: the file must start with a "---" line, the YAML, and a closing "---" line');
    return file;
  }
  const yamlText = front.value ?? '';
  const blockEnd = front.position?.end.offset ?? 0;
  // The YAML starts on the line after the opening fence.
  file.yamlOffset = raw.text.indexOf('\n') + 1;
  file.body = raw.text.slice(blockEnd).replace(/^\r?\n/, '');
  file.bodyOffset = raw.text.length - file.body.length;

  if (yamlText.trim() === '') {
    diags.error(file.path, { line: 1, column: 1 }, 'parse/empty-frontmatter', `the frontmatter is empty: a ${file.kind} needs at least one field`);
    return file;
  }

  // logLevel 'error': the yaml package would print warnings (collection keys…) to stderr; problems are diagnostics here.
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  file.doc = doc;
  let broken = false;
  for (const err of doc.errors) {
    broken = true;
    const ruleId = err.code === 'DUPLICATE_KEY' ? 'parse/duplicate-key' : 'parse/yaml-syntax';
    const message =
      err.code === 'DUPLICATE_KEY'
        ? `duplicate key ${keyAt(yamlText, err.pos[0])}: each key may appear once in a mapping`
        : yamlMessage(err.message);
    diags.error(file.path, yamlPos(file, err.pos[0]), ruleId, message);
  }
  if (broken) return file;

  if (reportTags(file, doc, diags)) return file;

  if (!isMap(doc.contents)) {
    const at = doc.contents?.range ? yamlPos(file, doc.contents.range[0]) : yamlPos(file, 0);
    diags.error(file.path, at, 'parse/not-a-mapping', `the frontmatter must be a mapping of keys to values, not ${describe(doc.contents)}`);
    return file;
  }
  try {
    file.data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      diags.error(file.path, yamlPos(file, 0), 'parse/alias-limit', `YAML aliases expand past ${MAX_ALIAS_COUNT} nodes; refusing a possible YAML bomb`);
    } else {
      diags.error(file.path, yamlPos(file, 0), 'parse/yaml-syntax', `cannot read the frontmatter: ${(err as Error).message}`);
    }
  }
  return file;
}

/** The key text starting at `offset` (the yaml package marks only its first character). */
function keyAt(yamlText: string, offset: number): string {
  const m = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(yamlText.slice(offset));
  const raw = m ? m[1]!.trim() : yamlText.slice(offset).split(/[\n:]/)[0]!.trim();
  return JSON.stringify(raw.replace(/^["']|["']$/g, ''));
}

// Policy is plain JSON data: YAML's other types (!!set, !!binary, !!timestamp,
// custom tags) would be silently reshaped on the way to JSON, so they are refused.
const JSON_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

function reportTags(file: PolicyFile, doc: Document.Parsed, diags: Diagnostics): boolean {
  let found = false;
  visit(doc, (_key, node) => {
    if (!isNode(node)) return;
    const tag = node.tag;
    if (tag && !JSON_TAGS.has(tag)) {
      found = true;
      const short = tag.replace(/^tag:yaml\.org,2002:/, '!!');
      diags.error(file.path, yamlPos(file, node.range?.[0] ?? 0), 'parse/yaml-syntax', `YAML tag ${short} is not supported: policy files hold plain data (strings, numbers, booleans, lists, mappings)`);
    }
  });
  return found;
}

/**
 * remark decides what the frontmatter is; the body is kept as text (the
 * prompt), so it need not be tokenized as Markdown. Handing remark only the
 * text up to the first closing-fence candidate cuts the parse of a large repo
 * by half without changing what remark sees as the frontmatter: remark's
 * block ends at the first such line too.
 */
function frontmatterCandidate(text: string): string {
  if (!text.startsWith('---')) return text.slice(0, 64);
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
  close.lastIndex = 3;
  const m = close.exec(text);
  return m ? text.slice(0, m.index + m[0].length) : text;
}

function yamlMessage(message: string): string {
  // The yaml package's messages end in a source excerpt and position we print ourselves.
  return `YAML syntax error: ${message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
}

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  const n = node as { constructor?: { name?: string }; value?: unknown };
  const name = n.constructor?.name;
  if (name === 'YAMLSeq') return 'a list';
  if (name === 'Scalar') return `the scalar ${JSON.stringify(n.value)}`;
  return 'that';
}
