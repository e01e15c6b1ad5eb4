// The golden corpus: every folder under fixtures/policies/cases/ is a small
// policy repo (`input/`) and the text diagnostics `cork check` prints for it
// (`expected.txt`, one per line, empty for a clean repo). Each case pins one
// behaviour; its name says which.
//
// CORK_UPDATE_GOLDEN=1 rewrites every expected.txt. A missing expected.txt is
// written on first run, except under CI, where it fails: CI never passes on
// an expectation nobody has read.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { checkRepo, compileRepo } from '../compiler/compile.ts';
import type { Diagnostic } from '../compiler/diagnostics.ts';
import { formatDiagnostics } from '../compiler/format.ts';
import { RULES, type RuleId } from '../compiler/rule-ids.ts';
import { validateBundleShape } from '../compiler/validate.ts';
import { serializeBundle } from '../policy/bundle-digest.ts';

const CASES = fileURLToPath(new URL('../fixtures/policies/cases/', import.meta.url));
const UPDATE = process.env.CORK_UPDATE_GOLDEN === '1';
const IN_CI = Boolean(process.env.CI);

/**
 * Rule ids no policy repo on disk can produce, each with the reason. The
 * coverage test below fails for any other id without a case, and for an id
 * listed here that a case does produce (then the entry must go).
 */
const NOT_PRODUCIBLE: Partial<Record<RuleId, string>> = {};

const caseNames = readdirSync(CASES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Each case is checked once; the coverage test reuses the results. */
const results = new Map<string, Diagnostic[]>();
function diagnosticsOf(name: string): Diagnostic[] {
  let diags = results.get(name);
  if (!diags) {
    diags = checkRepo(join(CASES, name, 'input')).diagnostics;
    results.set(name, diags);
  }
  return diags;
}

function render(diags: readonly Diagnostic[]): string {
  return diags.length === 0 ? '' : `${formatDiagnostics(diags, 'text')}\n`;
}

test('the corpus has cases', () => {
  assert.ok(caseNames.length >= 45, `only ${caseNames.length} cases under ${CASES}`);
});

for (const name of caseNames) {
  test(name, () => {
    const expectedPath = join(CASES, name, 'expected.txt');
    const actual = render(diagnosticsOf(name));
    if (UPDATE) {
      writeFileSync(expectedPath, actual);
    } else if (!existsSync(expectedPath)) {
      assert.ok(!IN_CI, `${expectedPath} is missing; run the tests locally (or with CORK_UPDATE_GOLDEN=1), read the file, and commit it`);
      writeFileSync(expectedPath, actual);
    } else {
      // A checkout that turned LF into CRLF must not fail every case.
      const expected = readFileSync(expectedPath, 'utf8').replace(/\r\n/g, '\n');
      assert.equal(actual, expected, `diagnostics of ${name} changed; if that is intended, rerun with CORK_UPDATE_GOLDEN=1 and review the diff`);
    }

    if (actual === '') {
      const { bundle, diagnostics } = compileRepo(join(CASES, name, 'input'), { revision: 'golden' });
      assert.deepEqual(diagnostics, []);
      assert.ok(bundle, `${name} is clean but compileRepo made no bundle`);
      assert.deepEqual(validateBundleShape(JSON.parse(serializeBundle(bundle))), []);
    }
  });
}

test('the corpus covers every rule id', () => {
  for (const id of Object.keys(NOT_PRODUCIBLE)) assert.ok(Object.hasOwn(RULES, id), `NOT_PRODUCIBLE lists "${id}", which is not in RULES`);
  const covered = new Set<string>();
  for (const name of caseNames) for (const d of diagnosticsOf(name)) covered.add(d.ruleId);
  const missing = Object.keys(RULES).filter((id) => !covered.has(id) && !Object.hasOwn(NOT_PRODUCIBLE, id));
  assert.deepEqual(missing, [], `rule ids without a case under fixtures/policies/cases/: ${missing.join(', ')}`);
  const stale = Object.keys(NOT_PRODUCIBLE).filter((id) => covered.has(id));
  assert.deepEqual(stale, [], `a case now produces ${stale.join(', ')}: remove it from NOT_PRODUCIBLE`);
});
