// What a meter returns is checked before a budget or a ledger row is built
// from it: good answers pass unchanged, anything else throws, naming the
// hook and the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStart, checkUsage } from '../runtime/metering/meter-results.ts';

test('meter starts: null and well-formed pass; a missing estimate is null; anything else throws', () => {
  assert.equal(checkStart(null), null);
  assert.equal(checkStart(undefined), null);
  assert.deepEqual(checkStart({ provider: 'anthropic', model: 'm', estimate: { input_tokens: 3, output_tokens: 100 } }), { provider: 'anthropic', model: 'm', estimate: { input_tokens: 3, output_tokens: 100 } });
  assert.deepEqual(checkStart({ provider: 'openai' }), { provider: 'openai', estimate: null });
  const bad: Array<[unknown, RegExp]> = [
    ['yes', /returned "yes", not a meter start/],
    [[1], /not a meter start/],
    [{ provider: 42 }, /provider must be a non-empty string \(got 42\)/],
    [{ provider: '' }, /provider must be a non-empty string/],
    [{ provider: 'p', model: 7 }, /model must be a string/],
    [{ provider: 'p', estimate: { input_tokens: -1, output_tokens: 5 } }, /estimate must be null or non-negative/],
    [{ provider: 'p', estimate: { input_tokens: 1, output_tokens: Number.NaN } }, /estimate must be null or non-negative/],
    [{ provider: 'p', estimate: 12 }, /estimate must be null or non-negative/],
  ];
  for (const [v, re] of bad) assert.throws(() => checkStart(v), re, JSON.stringify(v));
});

test('usage records: null and well-formed pass; strings, negatives, NaN, Infinity and wrong flags throw', () => {
  assert.equal(checkUsage(null, 'onMeterEnd'), null);
  const good = { provider: 'anthropic', model: 'm', input_tokens: 1, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 4, estimated: true };
  assert.deepEqual(checkUsage(good, 'onMeterEnd'), good);
  assert.deepEqual(checkUsage({ provider: 'p', input_tokens: 0, output_tokens: 0 }, 'onMeterChunk'), { provider: 'p', input_tokens: 0, output_tokens: 0 });
  const bad: Array<[unknown, RegExp]> = [
    [5, /onMeterEnd returned 5, not a usage record/],
    [{ provider: 'p', input_tokens: '10', output_tokens: 1 }, /onMeterEnd: input_tokens must be a non-negative number \(got "10"\)/],
    [{ provider: 'p', input_tokens: 1, output_tokens: -3 }, /output_tokens must be a non-negative number/],
    [{ provider: 'p', input_tokens: 1, output_tokens: Number.POSITIVE_INFINITY }, /output_tokens must be a non-negative number/],
    [{ provider: 'p', input_tokens: 1, output_tokens: 1, cache_read_input_tokens: Number.NaN }, /cache_read_input_tokens must be a non-negative number/],
    [{ provider: 'p', input_tokens: 1, output_tokens: 1, estimated: 'no' }, /estimated must be a boolean/],
    [{ input_tokens: 1, output_tokens: 1 }, /provider must be a non-empty string/],
  ];
  for (const [v, re] of bad) assert.throws(() => checkUsage(v, 'onMeterEnd'), re, JSON.stringify(v));
});
