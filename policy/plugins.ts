// Which plugins a policy runs, shared by the compiler (what to bundle) and
// the runtime (what to run per route): the built-in ids, the DLP detectors a
// route's `dlp` turns on, and the bundled form.
import type { Json, Route } from './types.ts';

/** Built-in plugin id → its source file under plugins/builtin/. */
export const BUILTIN_PLUGIN_FILES: Readonly<Record<string, string>> = Object.freeze({
  'dlp.token_patterns': 'token-patterns.ts',
  'dlp.known_secrets': 'known-secrets.ts',
  'dlp.injection': 'injection.ts',
  'dlp.credentials': 'credentials.ts',
  'meter.anthropic': 'meter-anthropic.ts',
  'meter.openai': 'meter-openai.ts',
});

/** The built-in meter for a provider API family: it meters the agent's provider route. */
export function meterFor(api: 'anthropic' | 'openai'): string {
  return `meter.${api}`;
}

/** Detector names as routes write them (`outbound_detectors: [token_patterns]`) → plugin id. */
export const DETECTORS: Readonly<Record<string, string>> = Object.freeze({
  token_patterns: 'dlp.token_patterns',
  known_secrets: 'dlp.known_secrets',
  injection: 'dlp.injection',
});

/** `dlp` omitted = all default detectors. */
export const DEFAULT_OUTBOUND_DETECTORS: readonly string[] = Object.freeze(['token_patterns', 'known_secrets']);
export const DEFAULT_INBOUND_DETECTORS: readonly string[] = Object.freeze(['injection']);

/** The detector plugin ids a route runs, outbound then inbound. */
export function routeDetectors(route: Route): { outbound: string[]; inbound: string[] } {
  if (route.dlp === false) return { outbound: [], inbound: [] };
  const pick = (setting: false | string[] | undefined, defaults: readonly string[]) =>
    (setting === false ? [] : (setting ?? defaults)).map((d) => DETECTORS[d] ?? d);
  return { outbound: fuseCredentials(pick(route.dlp?.outbound_detectors, DEFAULT_OUTBOUND_DETECTORS)), inbound: pick(route.dlp?.inbound_detectors, DEFAULT_INBOUND_DETECTORS) };
}

export const FUSED_CREDENTIALS = 'dlp.credentials';

/**
 * Outbound token_patterns and known_secrets together run as dlp.credentials:
 * the same two detectors in one scanner pass (plugins/builtin/credentials.ts),
 * at the place of the first of them. Their findings keep their own names.
 */
export function fuseCredentials(outbound: string[]): string[] {
  const a = outbound.indexOf('dlp.token_patterns');
  const b = outbound.indexOf('dlp.known_secrets');
  if (a < 0 || b < 0) return outbound;
  const out = outbound.filter((id) => id !== 'dlp.token_patterns' && id !== 'dlp.known_secrets');
  out.splice(Math.min(a, b), 0, FUSED_CREDENTIALS);
  return out;
}

export function detectorPlugins(route: Route): string[] {
  const { outbound, inbound } = routeDetectors(route);
  return [...new Set([...outbound, ...inbound])];
}

/** A plugin as the bundle carries it: keyed by its `use` string. */
export interface BundledPlugin {
  id: string;
  version: string;
  kind: 'outbound' | 'inbound' | 'meter';
  optionsSchema: Record<string, Json>;
  sha256: string;
  /** Self-contained ESM (esbuild output); the runtime checks sha256 before loading it. */
  code: string;
  [key: string]: Json;
}
