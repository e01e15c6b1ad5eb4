// `token_ref` and `agent_provider.auth_token` name a variable in the
// runtime's environment. A value there that is not a variable name is most
// likely the secret itself, pasted into a file everyone can read.
import { findSecrets, maskSecret, shannonEntropy } from '../../policy/token-patterns.ts';
import { locate, type DataPath } from '../source.ts';
import { dataPathText, ENV_NAME, type LintRule } from './rule.ts';

export const rule: LintRule = {
  id: 'token-ref-literal',
  run(model, diags) {
    for (const { file, spec } of model.bottles.values()) {
      const sites: Array<[DataPath, unknown]> = [];
      spec.egress?.routes?.forEach((route, i) => {
        if (route.auth && typeof route.auth === 'object' && 'token_ref' in route.auth) {
          sites.push([['egress', 'routes', i, 'auth', 'token_ref'], route.auth.token_ref]);
        }
      });
      if (spec.agent_provider && 'auth_token' in spec.agent_provider) {
        sites.push([['agent_provider', 'auth_token'], spec.agent_provider.auth_token]);
      }
      for (const [path, value] of sites) {
        if (typeof value !== 'string' || value === '') continue;
        const problem = check(value);
        if (problem) diags.error(file.path, locate(file, path), 'token-ref-literal', `${dataPathText(path)} ${problem}`);
      }
    }
  },
};

/** Undefined when `value` is a proper variable name. Never echoes a value that could be a secret. */
function check(value: string): string | undefined {
  // Checked even for valid-looking names: an AWS key id is upper-case letters and digits.
  const secret = findSecrets(value)[0];
  if (secret) {
    return `looks like ${/^[AEIOU]/.test(secret.name) ? 'an' : 'a'} ${secret.name} (${maskSecret(value)}): put the token in the runtime's environment and name the variable here`;
  }
  if (ENV_NAME.test(value)) return undefined;
  const guess = likelyName(value);
  if (guess) return `must name an environment variable (^[A-Z_][A-Z0-9_]*$): "${value}" is not one (did you mean ${guess}?)`;
  return `must name an environment variable (^[A-Z_][A-Z0-9_]*$), not hold a value (${maskSecret(value)}): put the secret in the runtime's environment and name the variable here`;
}

// `github_token` or `github-token` is a misspelt name; safe to print. Random
// strings are not: they have digits or high entropy and are never echoed.
function likelyName(value: string): string | undefined {
  if (value.length > 40 || !/^[A-Za-z]+(?:[_-][A-Za-z]+)*$/.test(value)) return undefined;
  if (!/[_-]/.test(value) && shannonEntropy(value) >= 3.5) return undefined;
  return value.toUpperCase().replace(/-/g, '_');
}
