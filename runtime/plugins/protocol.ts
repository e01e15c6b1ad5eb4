// What crosses between the proxy (main thread) and the plugin workers.
// Bodies travel as transferred ArrayBuffers; everything else is plain data.
import type { Finding, RedactRange } from '../../plugins/sdk.ts';
import type { Json } from '../../policy/types.ts';

/** One set-up plugin: a bundled plugin with one bottle's options. */
export interface InstanceSpec {
  /** `<use>@<hash of options>`: what chains refer to. */
  key: string;
  use: string;
  /** Content-addressed file holding the plugin's code. */
  file: string;
  sha256: string;
  options: Json;
}

export interface WorkerInit {
  instances: InstanceSpec[];
  secrets: string[];
}

export type OnMatch = 'block' | 'redact' | 'supervise';

export interface RequestTask {
  hook: 'request';
  chain: string[];
  onMatch: OnMatch;
  method: string;
  scheme: 'http' | 'https';
  host: string;
  path: string;
  query: string;
  headers: Array<[string, string]>;
  /** An ArrayBuffer of its own when sent to the pool (transferred); the inline path may pass a view. */
  body: ArrayBuffer | Uint8Array;
  route: string;
  session: string;
  agent: string;
}

export interface ChunkTask {
  hook: 'chunk';
  /** Already in the order to run (inbound: reverse bundle order). */
  chain: string[];
  status: number;
  headers: Array<[string, string]>;
  data: ArrayBuffer;
  overlap: number;
  position: number;
  final: boolean;
  route: string;
  session: string;
}

export interface InfoTask {
  hook: 'info';
}

export type Task = RequestTask | ChunkTask | InfoTask;

export interface PluginOutcome {
  action: 'allow' | 'warn' | 'block' | 'redact' | 'supervise';
  /** The plugin whose verdict decided (for logs); absent on allow. */
  plugin?: string;
  findings: Finding[];
  /** For redact: the rewritten request, rescanned clean. */
  redacted?: { path: string; query: string; headers: Array<[string, string]>; body: ArrayBuffer };
  ranges?: RedactRange[];
}

export interface InfoReply {
  /** Overlap window each inbound instance needs, by key. */
  overlap: Record<string, number>;
}
