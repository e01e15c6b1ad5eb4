// The plugin host: writes the bundle's plugin code to content-addressed files,
// starts a fixed-size piscina pool whose workers set every plugin instance up
// once, and runs hook chains for the proxy. Every failure mode — a plugin
// that throws, hangs, returns garbage, fails to load, or a full queue — comes
// back as a blocking outcome: the proxy fails closed and keeps serving.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corkRoot } from '../../policy/install-root.ts';
import { Piscina } from 'piscina';
import { canonicalJson } from '../../policy/canonical.ts';
import type { Policy } from '../../policy/merge.ts';
import { routeDetectors } from '../../policy/plugins.ts';
import type { Bundle, Json, Route } from '../../policy/types.ts';
import type { Logger } from '../log.ts';
import type { PluginHooks } from '../../plugins/sdk.ts';
import { BUILTIN_PLUGIN_FILES, FUSED_CREDENTIALS, meterFor } from '../../policy/plugins.ts';
import { providerApi } from '../../policy/providers.ts';
import { loadInstances, runTask } from './chain-runner.ts';
import { type MeterCalls, MeterThread } from '../metering/meter-thread.ts';
import type { ChunkTask, InfoReply, InstanceSpec, OnMatch, PluginOutcome, RequestTask } from './protocol.ts';

export interface PluginHostOptions {
  stateDir: string;
  /** Real credential values: dlp.known_secrets looks for them. */
  secrets: string[];
  threads: number;
  /** Per call; a plugin slower than this blocks the request. */
  timeoutMs: number;
  /** Tasks waiting beyond the running ones; a full queue blocks the request. */
  maxQueue: number;
  /**
   * Bodies (and response chunks) up to this size run built-in detectors
   * inline on the main thread: below it a pool round trip costs more than
   * the scan (bench:proxy-dlp). 0 sends everything to the pool.
   */
  inlineMaxBytes: number;
  log: Logger;
  digest: string;
}

/** What one route runs, precomputed when a session's view is built. */
export interface RouteChains {
  readonly outbound: readonly string[];
  /** Already reversed: inbound plugins run in reverse bundle order. */
  readonly inbound: readonly string[];
  readonly onMatch: OnMatch;
  /** Bytes of overlap the inbound chain needs between chunks. */
  readonly overlap: number;
  /** A repo plugin in the inbound chain may judge the stream as a whole: call it once more at the end. */
  readonly needsFinal: boolean;
}

const NO_CHAINS: RouteChains = Object.freeze({ outbound: [], inbound: [], onMatch: 'block', overlap: 0, needsFinal: false });

export class PluginHost {
  readonly #pool: Piscina | undefined;
  readonly #instances: Map<string, InstanceSpec>;
  readonly #overlap: Record<string, number>;
  readonly #kinds: Map<string, string>;
  readonly #opts: PluginHostOptions;
  /** Built-in instances set up on the main thread for the small-body path. */
  #inline: Map<string, PluginHooks> | undefined;
  /** Calls by path and failures, for the status endpoint. */
  readonly stats = { inline: 0, pool: 0, failed: 0 };

  /**
   * Meters run in a thread of their own (metering/meter-thread.ts), not the
   * pool: a meter keeps state per stream between calls, so one stream's
   * calls must reach one worker in order, and a pool gives no affinity. Off
   * the main thread, the parse of every response chunk never slows the
   * stream the client reads (bench:proxy, the metering table). Each repo
   * meter gets a thread of its own, apart from the built-in ones: one that
   * hangs fails what is in flight on its own thread only.
   */
  readonly #meters: ReadonlyMap<string, MeterThread>;
  readonly #meterKeys: ReadonlySet<string>;

  private constructor(pool: Piscina | undefined, instances: Map<string, InstanceSpec>, overlap: Record<string, number>, kinds: Map<string, string>, opts: PluginHostOptions, meters: ReadonlyMap<string, MeterThread>) {
    this.#meters = meters;
    this.#meterKeys = new Set(meters.keys());
    this.#pool = pool;
    this.#instances = instances;
    this.#overlap = overlap;
    this.#kinds = kinds;
    this.#opts = opts;
  }

  /** Loads every plugin instance the bundle can ask for; throws (refusing to start) if they cannot load. */
  static async start(bundle: Bundle, opts: PluginHostOptions): Promise<PluginHost> {
    const kinds = new Map(Object.entries(bundle.plugins).map(([use, p]) => [use, p.kind]));
    const all = collectInstances(bundle, opts.stateDir);
    // Meters run in meter threads (see #meters); the pool gets the rest.
    const meterSpecs = [...all.values()].filter((i) => kinds.get(i.use) === 'meter');
    const instances = new Map([...all].filter(([, i]) => kinds.get(i.use) !== 'meter'));
    const meters = new Map<string, MeterThread>();
    // The built-in meters share a thread; each repo meter has one of its own, so one that hangs fails nothing but its own streams.
    const groups = [meterSpecs.filter((i) => Object.hasOwn(BUILTIN_PLUGIN_FILES, i.use)), ...meterSpecs.filter((i) => !Object.hasOwn(BUILTIN_PLUGIN_FILES, i.use)).map((i) => [i])];
    try {
      for (const group of groups) {
        if (group.length === 0) continue;
        const thread = await MeterThread.start(group, opts.log, { timeoutMs: opts.timeoutMs });
        for (const spec of group) meters.set(spec.key, thread);
      }
    } catch (err) {
      await Promise.all([...new Set(meters.values())].map((t) => t.close(0)));
      throw new Error(`plugins failed to load: ${(err as Error).message}`);
    }
    if (instances.size === 0) return new PluginHost(undefined, instances, {}, kinds, opts, meters);
    const pool = new Piscina({
      filename: workerFile(),
      workerData: { instances: [...instances.values()], secrets: opts.secrets },
      // Replaced threads reload every plugin: keep the pool fixed and warm.
      minThreads: opts.threads,
      maxThreads: opts.threads,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      maxQueue: opts.maxQueue,
    });
    // Without a listener a worker error would take the runtime down.
    pool.on('error', (err: Error) => opts.log.error({ event: 'plugin-pool-error', err: err.message, digest: opts.digest }, 'plugin worker failed'));
    let info: InfoReply;
    try {
      info = (await pool.run({ hook: 'info' }, { signal: AbortSignal.timeout(30_000) })) as InfoReply;
    } catch (err) {
      await pool.destroy();
      throw new Error(`plugins failed to load: ${(err as Error).message}`);
    }
    const host = new PluginHost(pool, instances, info.overlap, kinds, opts, meters);
    // Only built-ins run inline: their code is cork's own and linear-time, so
    // it needs no timeout; a repo plugin always runs where a timeout can stop it.
    const builtins = [...instances.values()].filter((i) => Object.hasOwn(BUILTIN_PLUGIN_FILES, i.use));
    if (opts.inlineMaxBytes > 0 && builtins.length > 0) {
      try {
        host.#inline = await loadInstances({ instances: builtins, secrets: opts.secrets });
      } catch (err) {
        await pool.destroy();
        throw new Error(`plugins failed to load: ${(err as Error).message}`);
      }
    }
    return host;
  }

  /**
   * The meter instance for a provider route: a meter plugin the session's
   * bottles list (the last listed, so the most specific bottle's, with its
   * options), else the built-in meter of the route's API family. A built-in
   * meter of the other family is passed over: it would read none of the
   * route's requests as usage, and they would go unmetered.
   */
  meterKey(api: 'anthropic' | 'openai', policy: Policy): string | undefined {
    const builtin = meterFor(api);
    let key = instanceKey(builtin, {});
    for (const p of policy.plugins ?? []) {
      if (this.#kinds.get(p.use) !== 'meter') continue;
      if (Object.hasOwn(BUILTIN_PLUGIN_FILES, p.use) && p.use !== builtin) continue;
      key = instanceKey(p.use, p.options ?? {});
    }
    return this.#meterKeys.has(key) ? key : undefined;
  }

  /** The meter's calls; a failed call is the caller's to turn into a refusal or a charged reservation. */
  meter(key: string): MeterCalls | undefined {
    return this.#meters.get(key)?.calls(key);
  }

  /** The chains a route runs in a session with this effective policy. */
  chainsFor(policy: Policy, route: Route | null): RouteChains {
    if (!this.#pool) return NO_CHAINS;
    const detectors = route ? routeDetectors(route) : { outbound: [], inbound: [] };
    const outbound = detectors.outbound.map((use) => instanceKey(use, {}));
    const inbound = detectors.inbound.map((use) => instanceKey(use, {}));
    for (const p of policy.plugins ?? []) {
      const key = instanceKey(p.use, p.options ?? {});
      const kind = this.#kinds.get(p.use);
      if (kind === 'outbound') outbound.push(key);
      else if (kind === 'inbound') inbound.push(key);
    }
    const known = (k: string) => this.#instances.has(k);
    const inboundRun = [...new Set(inbound.filter(known))].reverse();
    // dlp.credentials with default options is token_patterns and known_secrets with theirs: a bottle
    // that also lists either (as the example's base bottle lists token_patterns) must not run it twice.
    if (outbound.includes(CREDENTIALS_KEY)) {
      for (let i = outbound.length - 1; i >= 0; i--) if (SUBSUMED_KEYS.has(outbound[i]!)) outbound.splice(i, 1);
    }
    const dlp = route?.dlp;
    return Object.freeze({
      outbound: [...new Set(outbound.filter(known))],
      inbound: inboundRun,
      onMatch: (dlp && dlp.outbound_on_match) || 'block',
      overlap: Math.max(0, ...inboundRun.map((k) => this.#overlap[k] ?? 0)),
      needsFinal: inboundRun.some((k) => !Object.hasOwn(BUILTIN_PLUGIN_FILES, this.#instances.get(k)!.use)),
    });
  }

  /** The body may be any view: it is copied into a transferable buffer only if the call goes to the pool. */
  async request(task: Omit<RequestTask, 'hook' | 'body'> & { body: Uint8Array }): Promise<PluginOutcome & { error?: string }> {
    return this.#run({ hook: 'request', ...task }, task.body);
  }

  async chunk(task: Omit<ChunkTask, 'hook'>): Promise<PluginOutcome & { error?: string }> {
    return this.#run({ hook: 'chunk', ...task }, task.data);
  }

  async #run(task: RequestTask | ChunkTask, bytes: ArrayBuffer | Uint8Array): Promise<PluginOutcome & { error?: string }> {
    if (!this.#pool) return { action: 'allow', findings: [] };
    try {
      const inline = this.#inline;
      if (inline && bytes.byteLength <= this.#opts.inlineMaxBytes && task.chain.every((k) => inline.has(k))) {
        this.stats.inline++;
        return (await runTask(inline, task)) as PluginOutcome;
      }
      this.stats.pool++;
      let transfer: ArrayBuffer;
      if (bytes instanceof Uint8Array) {
        // A Buffer may sit in Node's shared pool: give the worker a buffer of its own.
        transfer = new ArrayBuffer(bytes.byteLength);
        new Uint8Array(transfer).set(bytes);
        (task as RequestTask).body = transfer;
      } else {
        transfer = bytes;
      }
      return (await this.#pool.run(task, { transferList: [transfer], signal: AbortSignal.timeout(this.#opts.timeoutMs) })) as PluginOutcome;
    } catch (err) {
      const e = err as Error;
      const reason =
        e?.name === 'AbortError' || e?.name === 'TimeoutError'
          ? `plugin call timed out after ${this.#opts.timeoutMs} ms`
          : /queue is at limit/i.test(e?.message ?? '')
            ? 'plugin queue is full'
            : (e?.message ?? String(err));
      this.stats.failed++;
      // The worker prefixes what a plugin did wrong with its id; a timeout or full queue names the chain.
      const plugin = /^(?:Error: )?plugin (\S+?):/.exec(reason)?.[1] ?? task.chain.join(', ');
      this.#opts.log.error({ event: 'plugin-failed', plugin, hook: task.hook, chain: task.chain, reason, digest: this.#opts.digest }, 'plugin failed; request blocked');
      // The agent is told what kind of failure it was; the plugin's own words (which may quote the request) stay in the log.
      return { action: 'block', plugin, findings: [], error: `plugin ${plugin} ${failureKind(reason)}; the request is blocked (details in the runtime log)` };
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.#pool?.close(), ...[...new Set(this.#meters.values())].map((t) => t.close())]);
  }
}

function failureKind(reason: string): string {
  if (/timed out/.test(reason)) return reason.replace(/^.*?(timed out after \d+ ms).*$/s, '$1');
  if (/queue is full/.test(reason)) return 'could not run: the plugin queue is full';
  if (/failed to load/.test(reason)) return 'failed to load';
  if (/invalid verdict|without findings|finding/.test(reason)) return 'returned an invalid verdict';
  if (/threw/.test(reason)) return 'threw an error';
  return 'failed';
}

export function instanceKey(use: string, options: Json | Record<string, unknown>): string {
  return `${use}@${createHash('sha256').update(canonicalJson(options ?? {})).digest('hex').slice(0, 12)}`;
}

const CREDENTIALS_KEY = instanceKey(FUSED_CREDENTIALS, {});
const SUBSUMED_KEYS: ReadonlySet<string> = new Set([instanceKey('dlp.token_patterns', {}), instanceKey('dlp.known_secrets', {})]);

/** Every (plugin, options) pair any bottle of the bundle can run, with its code on disk. */
function collectInstances(bundle: Bundle, stateDir: string): Map<string, InstanceSpec> {
  const instances = new Map<string, InstanceSpec>();
  const add = (use: string, options: Json) => {
    const plugin = bundle.plugins[use];
    if (!plugin) return;
    const key = instanceKey(use, options);
    if (!instances.has(key)) instances.set(key, { key, use, file: storeCode(stateDir, plugin.sha256, plugin.code), sha256: plugin.sha256, options });
  };
  for (const bottle of Object.values(bundle.bottles)) {
    const api = providerApi(bottle.agent_provider);
    if (api) add(meterFor(api.api), {});
    for (const route of bottle.egress?.routes ?? []) {
      const { outbound, inbound } = routeDetectors(route);
      for (const use of [...outbound, ...inbound]) add(use, {});
    }
    for (const p of bottle.plugins ?? []) add(p.use, (p.options ?? {}) as Json);
  }
  return instances;
}

/** Writes plugin code once under its hash (temp name, then rename) and returns the path. */
function storeCode(stateDir: string, sha256: string, code: string): string {
  const actual = createHash('sha256').update(code).digest('hex');
  if (actual !== sha256) throw new Error(`plugin code does not match its sha256 in the bundle (${actual.slice(0, 12)} ≠ ${sha256.slice(0, 12)})`);
  const dir = join(stateDir, 'plugins');
  const file = join(dir, `${sha256}.mjs`);
  if (existsSync(file) && createHash('sha256').update(readFileSync(file)).digest('hex') === sha256) return file;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, code, { mode: 0o600 });
  renameSync(tmp, file);
  return file;
}

/** The built worker: piscina needs a real file (source runs under tsx use the build too). */
function workerFile(): string {
  const file = join(corkRoot(), 'dist', 'plugin-worker.mjs');
  if (!existsSync(file)) throw new Error('dist/plugin-worker.mjs is missing: run `npm run build`');
  return file;
}
