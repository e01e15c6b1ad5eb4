// The runtime's V8 heap tuning: applied by default, and an operator's own
// flag stands. The flag's effect on GC is measured by bench:proxy; here, that
// V8 takes it and that the decision is right.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { HEAP_GROWING_PERCENT, tuneHeap } from '../runtime/heap-tuning.ts';

describe('heap tuning', () => {
  it('leaves an operator’s own growing factor alone', () => {
    assert.equal(tuneHeap(['--heap-growing-percent=50']), null);
    assert.equal(tuneHeap(['--max-old-space-size=512', '--heap_growing_percent=80']), null);
  });

  it('sets the factor otherwise, and V8 takes the flag', () => {
    // In a child, so this test process keeps V8's defaults.
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', "import { tuneHeap } from './runtime/heap-tuning.ts'; process.stdout.write(String(tuneHeap([])))"], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    assert.doesNotMatch(r.stderr, /unknown|unrecognized/i, 'V8 knows the flag');
  });
});
