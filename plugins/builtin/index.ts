// The built-in plugins, imported by the compiler to read their definitions
// (id, kind, optionsSchema) without building them; the code that goes into a
// bundle is still each file bundled on its own by esbuild.
import type { PluginDefinition } from '../sdk.ts';
import credentials from './credentials.ts';
import injection from './injection.ts';
import knownSecrets from './known-secrets.ts';
import meterAnthropic from './meter-anthropic.ts';
import meterOpenai from './meter-openai.ts';
import tokenPatterns from './token-patterns.ts';

export const BUILTIN_DEFINITIONS: Readonly<Record<string, PluginDefinition<never>>> = Object.freeze({
  [tokenPatterns.id]: tokenPatterns as PluginDefinition<never>,
  [knownSecrets.id]: knownSecrets as PluginDefinition<never>,
  [injection.id]: injection as PluginDefinition<never>,
  [meterAnthropic.id]: meterAnthropic as PluginDefinition<never>,
  [meterOpenai.id]: meterOpenai as PluginDefinition<never>,
  [credentials.id]: credentials as PluginDefinition<never>,
});
