// settings.yml: read, validated, every problem as `file:line:col: message`;
// and the `--budget provider=N` flags.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseBudgetOverrides } from '../runtime/metering/budget-overrides.ts';
import { loadSettings, SettingsError } from '../runtime/settings.ts';

const dir = mkdtempSync(join(tmpdir(), 'cork-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The SettingsError a load throws, checked for code and one-line-per-problem form. */
function failure(path: string, code: string, required = true): string[] {
  let err: unknown;
  try {
    loadSettings(path, { required });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof SettingsError, `expected a SettingsError, got ${String(err)}`);
  assert.equal(err.code, code);
  assert.doesNotMatch(err.message, /\n\s+at /, 'no stack in the message');
  return err.message.split('\n');
}

test('a valid settings file', () => {
  const path = file(
    'good.yml',
    ['# host settings', 'budgets:', '  claude: 2000000', '  codex: { tokens: 10000, window: 12h }', 'cutoff: freeze', 'estimate_floor_tokens: 512', ''].join('\n'),
  );
  assert.deepEqual(loadSettings(path, { required: true }), {
    budgets: { claude: 2_000_000, codex: { tokens: 10_000, window: '12h' } },
    cutoff: 'freeze',
    estimate_floor_tokens: 512,
  });
});

test('an empty file, or one of comments only, is no settings', () => {
  assert.deepEqual(loadSettings(file('empty.yml', ''), { required: true }), {});
  assert.deepEqual(loadSettings(file('comments.yml', '# nothing yet\n'), { required: true }), {});
});

test('every bad value is reported at its line and column, one line each', () => {
  const path = file(
    'bad.yml',
    [
      '# host settings',
      'budgets:',
      '  claude: 0',
      '  codex: { tokens: 10, window: 1y }',
      '  Bad: 5',
      '  pi:',
      '  openai: lots',
      '  gemini: { tokens: 5, every: 1d }',
      'cutoff: stop',
      'estimate_floor_tokens: -1',
      'estimat_floor_tokens: 3',
      '',
    ].join('\n'),
  );
  assert.deepEqual(failure(path, 'CORK_SETTINGS_INVALID'), [
    `${path}:3:11: budgets.claude: must be a positive integer (got 0)`,
    `${path}:4:32: budgets.codex.window: "1y" is not a valid window: use a whole number followed by m, h, d or w, like 30m, 12h, 7d or 2w`,
    `${path}:5:3: budgets: "Bad" is not a valid provider name: use lower-case letters, digits, dots, underscores and dashes, starting with a letter (like claude, codex, pi)`,
    `${path}:6:3: budgets.pi: must be a positive integer or a mapping with keys tokens, window (got an empty value)`,
    `${path}:7:11: budgets.openai: must be a positive integer or a mapping with keys tokens, window (got "lots")`,
    `${path}:8:24: unknown key "every" in budgets.gemini; allowed here: tokens, window`,
    `${path}:9:9: cutoff: must be one of cutoff, freeze, kill (got "stop")`,
    `${path}:10:24: estimate_floor_tokens: must be 0 or more (got -1)`,
    `${path}:11:1: unknown key "estimat_floor_tokens" (did you mean "estimate_floor_tokens"?)`,
  ]);
});

test('a file that is not a mapping', () => {
  const path = file('list.yml', '- claude\n- codex\n');
  assert.deepEqual(failure(path, 'CORK_SETTINGS_INVALID'), [`${path}:1:1: the settings must be a mapping (got a list)`]);
});

test('YAML syntax errors carry a position', () => {
  const path = file('syntax.yml', 'budgets:\n  claude: [1\ncutoff: kill\n');
  const [line, ...rest] = failure(path, 'CORK_SETTINGS_SYNTAX');
  assert.match(line!, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML syntax error: `));
  assert.deepEqual(rest, []);
  const dup = file('dup.yml', 'cutoff: kill\nbudgets: {}\ncutoff: freeze\n');
  assert.deepEqual(failure(dup, 'CORK_SETTINGS_SYNTAX'), [`${dup}:3:1: duplicate key "cutoff": each key may appear once in a mapping`]);
});

test('a missing file is no settings at the default path, an error when named', () => {
  const missing = join(dir, 'nope.yml');
  assert.deepEqual(loadSettings(missing, { required: false }), {});
  assert.deepEqual(failure(missing, 'CORK_SETTINGS_MISSING'), [`${missing}: no such settings file`]);
  // Something at the default path that cannot be read is not silently ignored.
  assert.deepEqual(failure(dir, 'CORK_SETTINGS_UNREADABLE', false), [`${dir}: cannot read the settings file (EISDIR)`]);
});

test('--budget provider=N: plain numbers and underscore groups', () => {
  assert.deepEqual(
    [...parseBudgetOverrides(['claude=2000000', 'codex=1_000_000', 'openai=7', 'my-llm.v2=12_345'])],
    [
      ['claude', 2_000_000],
      ['codex', 1_000_000],
      ['openai', 7],
      ['my-llm.v2', 12_345],
    ],
  );
  assert.deepEqual([...parseBudgetOverrides([])], []);
});

test('--budget refuses bad values with a one-line message naming the flag value', () => {
  const cases: Array<[string[], RegExp]> = [
    [['claude'], /^--budget "claude": expected provider=tokens/],
    [['=5'], /^--budget "=5": "" is not a provider name/],
    [['Claude=5'], /^--budget "Claude=5": "Claude" is not a provider name/],
    [['claude='], /^--budget "claude=": "" is not a whole number of tokens$/],
    [['claude=0'], /^--budget "claude=0": the budget must be at least 1 token$/],
    [['claude=-5'], /is not a whole number of tokens/],
    [['claude=1.5'], /is not a whole number of tokens/],
    [['claude=2M'], /^--budget "claude=2M": "2M" is not a whole number of tokens \(no k\/M suffixes: write 2_000_000\)$/],
    [['claude=500k'], /no k\/M suffixes/],
    [['claude=1__000'], /is not a whole number of tokens/],
    [['claude=_1000'], /is not a whole number of tokens/],
    [['claude=99999999999999999999'], /more than cork can count exactly/],
    [['claude=5', 'claude=6'], /^--budget "claude=6": claude is given a budget more than once$/],
  ];
  for (const [values, message] of cases) {
    assert.throws(
      () => parseBudgetOverrides(values),
      (err: Error & { code?: string }) => {
        assert.equal(err.code, 'CORK_BAD_BUDGET_FLAG');
        assert.match(err.message, message);
        assert.doesNotMatch(err.message, /\n/);
        return true;
      },
      values.join(' '),
    );
  }
});
