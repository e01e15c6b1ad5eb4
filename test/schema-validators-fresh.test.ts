// compiler/validators.generated.js is committed: it must be exactly what
// scripts/gen-validators.ts makes from schemas/*.schema.json today.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generate, inlineRefs, OUT_DTS, OUT_JS, SCHEMA_DIR } from '../scripts/gen-validators.ts';

const STALE = 'is stale: run `npm run gen:validators` and commit the result';

test('committed validators.generated.js matches the schemas', () => {
  const { js, dts } = generate();
  // assert.ok, not assert.equal: a 300 kB diff helps nobody.
  assert.ok(readFileSync(OUT_JS, 'utf8') === js, `compiler/validators.generated.js ${STALE}`);
  assert.ok(readFileSync(OUT_DTS, 'utf8') === dts, `compiler/validators.generated.d.ts ${STALE}`);
});

test('generation is deterministic', () => {
  assert.equal(generate().js, generate().js);
});

test('a schema change makes the committed file stale (the freshness check can fail)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cork-schemas-'));
  try {
    cpSync(SCHEMA_DIR, dir, { recursive: true });
    const file = join(dir, 'bottle.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    schema.$defs.egress.properties.log.enum = [0, 1, 2, 3];
    writeFileSync(file, JSON.stringify(schema));
    assert.notEqual(generate(dir).js, readFileSync(OUT_JS, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the generated module needs neither ajv nor require() at run time', () => {
  const js = readFileSync(OUT_JS, 'utf8');
  assert.doesNotMatch(js, /\brequire\(/);
  assert.doesNotMatch(js, /^\s*import\b/m);
  assert.match(js, /^\/\/ GENERATED FILE/);
  assert.match(js, /npm run gen:validators/);
});

test('inlining refuses recursion and unknown keywords instead of emitting wrong code', () => {
  const id = 'https://cork.dev/schemas/x.schema.json';
  const loop = new Map([[id, { $id: id, $defs: { a: { type: 'array', items: { $ref: '#/$defs/a' } } }, properties: { x: { $ref: '#/$defs/a' } } }]]);
  assert.throws(() => inlineRefs(loop, id), /recursive \$ref/);
  const typo = new Map([[id, { $id: id, type: 'object', requird: ['x'] }]]);
  assert.throws(() => inlineRefs(typo, id), /keyword "requird"/);
  const sibling = new Map([[id, { $id: id, $defs: { a: { type: 'string' } }, properties: { x: { $ref: '#/$defs/a', minLength: 1 } } }]]);
  assert.throws(() => inlineRefs(sibling, id), /only annotations may sit next to \$ref/);
});
