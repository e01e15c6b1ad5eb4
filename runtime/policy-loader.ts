// Loads a bundle for serving: verify (digest, signature), deep-freeze, and
// collect what the runtime needs from it once: credential names to read from
// the host environment and strip from agents' environments.
import { readFileSync } from 'node:fs';
import { verifyBundle } from '../policy/verify-bundle.ts';
import type { Bundle } from '../policy/types.ts';
import type { PluginHost } from './plugins/host.ts';

export interface VerifyConfig {
  verifyKeyPem?: string;
  skipVerify?: boolean;
}

export interface LoadedPolicy {
  readonly bundle: Bundle;
  readonly digest: string;
  readonly path: string;
  /** Every env var a `token_ref` or `auth_token` names, anywhere in the bundle. */
  readonly credentialNames: ReadonlySet<string>;
  /** The bundle's plugins, loaded in the worker pool (absent for offline tools like explain). */
  readonly plugins?: PluginHost;
}

export class PolicyLoadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function loadPolicy(path: string, verify: VerifyConfig): LoadedPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PolicyLoadError('CORK_BUNDLE_UNREADABLE', `cannot read bundle ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const result = verifyBundle(text, verify);
  if (!result.ok) throw new PolicyLoadError(result.code, `${path}: ${result.message}`);
  const bundle = deepFreeze(result.bundle);
  return Object.freeze({ bundle, digest: bundle.digest, path, credentialNames: credentialNames(bundle) });
}

function credentialNames(bundle: Bundle): ReadonlySet<string> {
  const names = new Set<string>();
  for (const bottle of Object.values(bundle.bottles)) {
    if (bottle.agent_provider?.auth_token) names.add(bottle.agent_provider.auth_token);
    for (const route of bottle.egress?.routes ?? []) if (route.auth?.token_ref) names.add(route.auth.token_ref);
  }
  return names;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
