// The catalogue of diagnostic rule ids. Ids are stable: CI configs, golden
// files and users' suppressions refer to them, so never rename one; retire it.

export const RULES = {
  // load + parse: the file itself
  'file/bad-name': 'file name must match ^[a-z][a-z0-9-]*\\.md$',
  'file/too-large': 'file is larger than the size cap',
  'file/invalid-utf8': 'file is not valid UTF-8',
  'file/unreadable': 'file could not be read',
  'file/ignored': 'a file or folder in agents/ or bottles/ is not a policy file and is not read',
  'parse/no-frontmatter': 'file has no YAML frontmatter block',
  'parse/empty-frontmatter': 'frontmatter block is empty',
  'parse/yaml-syntax': 'frontmatter is not valid YAML',
  'parse/duplicate-key': 'a mapping repeats a key',
  'parse/not-a-mapping': 'frontmatter top level is not a mapping',
  'parse/alias-limit': 'YAML aliases expand past the limit (YAML bomb)',
  // validate: JSON Schema
  'schema/unknown-key': 'key is not part of the format',
  'schema/removed-key': 'key was removed from the bot-bottle format',
  'schema/type': 'value has the wrong type',
  'schema/enum': 'value is not one of the allowed values',
  'schema/required': 'a required field is missing',
  'schema/format': 'value does not have the required form',
  'schema/range': 'value is out of range',
  'schema/invalid': 'value does not match the schema',
  // resolve: extends and bottle selection
  'resolve/extends-self': 'bottle extends itself',
  'resolve/extends-cycle': 'extends chain forms a cycle',
  'resolve/extends-missing': 'extends names a bottle that does not exist',
  'resolve/bottle-missing': 'agent selects a bottle that does not exist',
  'resolve/no-bottle': 'agent selects no bottle',
  'resolve/bottle-and-bottles': 'agent sets both bottle and bottles',
  // lint: semantic rules, one module each under compiler/lint/
  'auth-pair': 'auth.scheme and auth.token_ref come together',
  'token-ref-literal': 'token_ref must name an environment variable, not hold a secret',
  'regex-invalid': 'a regex does not compile',
  'regex-redos': 'a regex can backtrack catastrophically',
  'literal-secret': 'a literal credential appears in env or a prompt',
  'rule-of-two': 'agent combines untrusted input, sensitive data and state-changing egress',
  'rule-of-two-waiver': 'a Rule-of-Two waiver needs a justification',
  'unreachable-route': 'a route can never match a request',
  'agent-widens-budget': 'an agent may narrow its bottles\' budget, never widen it',
  'agent-name-mismatch': 'the subagent name differs from the file name',
  'meter-family': 'a built-in meter listed for a provider route of the other API family is not used',
  // plugins: stage 5, bundled with esbuild
  'plugin-build': 'a plugin cannot be found, built or loaded',
  'plugin-options': 'a plugin use has options its optionsSchema rejects',
  // repository level
  'repo/empty': 'the policy directory has no agents and no bottles',
} as const;

export type RuleId = keyof typeof RULES;
