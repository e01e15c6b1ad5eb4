// The plugin worker (built to dist/plugin-worker.mjs: piscina needs a real
// file on disk). It loads every plugin instance of the bundle once — code
// verified against its sha256, `setup` called once — and then runs chains of
// hooks per task (chain-runner.ts).
import { workerData } from 'piscina';
import type { PluginHooks } from '../../plugins/sdk.ts';
import { loadInstances, PluginFault, runTask } from './chain-runner.ts';
import type { InfoReply, PluginOutcome, Task, WorkerInit } from './protocol.ts';

// piscina waits for this promise before the worker takes tasks: plugins load
// once per worker. A load failure must not crash the host process: every
// task then fails with it, and the host fails closed.
export default (async () => {
  let hooks: Map<string, PluginHooks> | undefined;
  let loadError: PluginFault | undefined;
  try {
    hooks = await loadInstances(workerData as WorkerInit);
  } catch (err) {
    loadError = err instanceof PluginFault ? err : new PluginFault('(loading)', (err as Error)?.message ?? String(err));
  }
  return async (task: Task): Promise<PluginOutcome | InfoReply> => {
    if (loadError || !hooks) throw new Error(`plugin ${loadError?.plugin}: failed to load: ${loadError?.message}`);
    return runTask(hooks, task);
  };
})();
