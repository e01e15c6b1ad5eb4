// Generates compiler/validators.generated.js (and its .d.ts) from
// schemas/*.schema.json: ajv standalone code, so `cork check` never loads or
// compiles ajv at run time.
//
//   npm run gen:validators          write the files
//   (test/schema-validators-fresh.test.ts fails when they are stale)
//
// The schemas use $ref (into their own $defs and across files via
// common.schema.json). Before compiling, every $ref is inlined: ajv reports the
// schemaPath of an error inside a referenced schema relative to that schema,
// which loses the path from the root. With the refs inlined, each error's
// schemaPath is an exact path into one self-contained schema, which the
// generated module also exports (annotations stripped) so compiler/validate.ts
// can look up the schema around an error (did-you-mean, oneOf branches, pattern
// descriptions) without ajv.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';

type Schema = { [key: string]: unknown };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = join(ROOT, 'schemas');
export const OUT_JS = join(ROOT, 'compiler', 'validators.generated.js');
export const OUT_DTS = join(ROOT, 'compiler', 'validators.generated.d.ts');

/** Document schemas (file stem → export name). common.schema.json only holds shared $defs. */
export const DOCUMENTS = {
  agent: 'validateAgent',
  bottle: 'validateBottle',
  settings: 'validateSettings',
  bundle: 'validateBundle',
} as const;
const FILES = ['common', ...Object.keys(DOCUMENTS)] as const;

// ajv's packages are CommonJS; under Node's ESM loader the default import is module.exports.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof standaloneModule.default;
const ucs2length = ((ucs2lengthModule as unknown as { default?: unknown }).default ?? ucs2lengthModule) as (s: string) => number;

// Keywords whose value is a map of schemas, a list of schemas, or one schema.
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['oneOf', 'anyOf', 'allOf', 'prefixItems']);
const SCHEMA_ONE = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems']);
// Keywords copied as they are.
const PLAIN = new Set([
  'type', 'enum', 'const', 'required', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'dependentRequired', 'format', 'title',
]);
// Annotations: documentation for people and editors, no effect on validation; dropped from the generated copy.
const ANNOTATIONS = new Set(['description', 'default', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly']);

export function readSchemas(dir: string = SCHEMA_DIR): Map<string, Schema> {
  const byId = new Map<string, Schema>();
  for (const stem of FILES) {
    const schema = JSON.parse(readFileSync(join(dir, `${stem}.schema.json`), 'utf8')) as Schema;
    const id = schema.$id;
    if (typeof id !== 'string' || !id.endsWith(`/${stem}.schema.json`)) {
      throw new Error(`${stem}.schema.json: $id must end in /${stem}.schema.json (got ${JSON.stringify(id)})`);
    }
    byId.set(id, schema);
  }
  return byId;
}

/** A copy of the document `id` with every $ref inlined and annotations dropped. */
export function inlineRefs(byId: Map<string, Schema>, id: string): Schema {
  const doc = byId.get(id);
  if (!doc) throw new Error(`no schema ${id}`);
  const out = walk(doc, id, byId, []) as Schema;
  return { $id: id, ...out };
}

function walk(node: unknown, base: string, byId: Map<string, Schema>, stack: string[]): unknown {
  if (typeof node === 'boolean') return node;
  if (!isObject(node)) throw new Error(`${stack.at(-1) ?? base}: a schema must be an object or a boolean`);
  if (typeof node.$ref === 'string') {
    const { $ref, ...siblings } = node;
    for (const k of Object.keys(siblings)) {
      if (k !== 'title' && !ANNOTATIONS.has(k)) throw new Error(`${base}: only annotations may sit next to $ref (found "${k}" beside ${$ref})`);
    }
    const url = new URL($ref, base);
    const docId = url.href.replace(/#.*$/, '');
    const pointer = decodeURIComponent(url.hash.replace(/^#/, ''));
    const key = `${docId}#${pointer}`;
    if (stack.includes(key)) throw new Error(`recursive $ref ${[...stack, key].join(' → ')}: the generator inlines refs and cannot handle recursion`);
    const target = resolvePointer(byId, docId, pointer);
    const inlined = walk(target, docId, byId, [...stack, key]);
    if (!isObject(inlined)) return inlined;
    const { title } = siblings;
    return title === undefined ? inlined : { ...inlined, title };
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$schema' || k === '$id' || k === '$defs' || ANNOTATIONS.has(k)) continue;
    if (SCHEMA_MAPS.has(k)) {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([name, s]) => [name, walk(s, base, byId, stack)]));
    } else if (SCHEMA_LISTS.has(k)) {
      out[k] = (v as unknown[]).map((s) => walk(s, base, byId, stack));
    } else if (SCHEMA_ONE.has(k)) {
      out[k] = walk(v, base, byId, stack);
    } else if (PLAIN.has(k)) {
      out[k] = structuredClone(v);
    } else {
      throw new Error(`${base}: keyword "${k}" is not supported by scripts/gen-validators.ts`);
    }
  }
  return out;
}

function resolvePointer(byId: Map<string, Schema>, docId: string, pointer: string): unknown {
  let node: unknown = byId.get(docId);
  if (node === undefined) throw new Error(`$ref to unknown schema ${docId}`);
  if (pointer === '') return node;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !(seg in node)) throw new Error(`$ref ${docId}#${pointer} does not resolve`);
    node = node[seg];
  }
  return node;
}

function isObject(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const AJV_OPTIONS = { allErrors: true, strict: true, messages: false, code: { source: true, esm: true, lines: true } } as const;

/** The text of validators.generated.js and validators.generated.d.ts for the schemas in `dir`. */
export function generate(dir: string = SCHEMA_DIR): { js: string; dts: string } {
  const byId = readSchemas(dir);

  // The schemas as written (with refs) must satisfy ajv's strict mode and the meta-schema too.
  const check = new Ajv2020({ strict: true });
  for (const schema of byId.values()) check.addSchema(schema);
  for (const id of byId.keys()) check.getSchema(id);

  const ajv = new Ajv2020(AJV_OPTIONS);
  const inlined: Record<string, Schema> = {};
  const exports: Record<string, string> = {};
  for (const [stem, exportName] of Object.entries(DOCUMENTS)) {
    const id = [...byId.keys()].find((k) => k.endsWith(`/${stem}.schema.json`))!;
    inlined[stem] = inlineRefs(byId, id);
    ajv.addSchema(inlined[stem]);
    exports[exportName] = id;
  }
  let code = standaloneCode(ajv, exports);

  // Runtime helpers ajv would require(): inline the self-contained ones, refuse the others.
  const helper = 'require("ajv/dist/runtime/ucs2length").default';
  code = code.split(helper).join(`(${ucs2length.toString()})`);
  const leftover = code.match(/require\([^)]*\)/);
  if (leftover) throw new Error(`generated code still needs ${leftover[0]}: change the schema so ajv does not need that runtime helper`);

  const header = [
    '// GENERATED FILE: do not edit. Made by scripts/gen-validators.ts from schemas/*.schema.json',
    '// (ajv standalone code, refs inlined). Regenerate with `npm run gen:validators`;',
    '// test/schema-validators-fresh.test.ts fails when this file is stale.',
    '/* eslint-disable */',
    '',
  ].join('\n');
  const schemas = `\n// The inlined schemas the validators were compiled from (annotations dropped): errors' schemaPath points into these.\nexport const schemas = ${JSON.stringify(inlined, null, 1)};\n`;
  const js = `${header}${code.trim()}\n${schemas}`;

  const dts = [
    '// GENERATED FILE: do not edit. Made by scripts/gen-validators.ts; regenerate with `npm run gen:validators`.',
    '',
    '/** One ajv error (the fields cork uses). `schemaPath` points into `schemas[<document>]`. */',
    'export interface SchemaError {',
    '  instancePath: string;',
    '  schemaPath: string;',
    '  keyword: string;',
    '  params: Record<string, any>;',
    '  message?: string;',
    '}',
    '',
    'export interface GeneratedValidator {',
    '  (data: unknown): boolean;',
    '  errors?: SchemaError[] | null;',
    '}',
    '',
    ...Object.values(DOCUMENTS).map((name) => `export declare const ${name}: GeneratedValidator;`),
    '',
    `export declare const schemas: Record<${Object.keys(DOCUMENTS).map((k) => `'${k}'`).join(' | ')}, Record<string, unknown>>;`,
    '',
  ].join('\n');
  return { js, dts };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { js, dts } = generate();
  writeFileSync(OUT_JS, js);
  writeFileSync(OUT_DTS, dts);
  console.log(`wrote ${OUT_JS} (${js.length} bytes) and ${OUT_DTS}`);
}
