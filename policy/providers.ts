// The model providers an `agent_provider.template` talks to: which host its
// API lives on and how the credential travels. The compiler uses the host to
// tell the agent's own model route apart from the routes a bottle grants
// (Rule of Two); the runtime uses both to inject the provider key.
import type { AgentProvider } from './types.ts';

export interface ProviderApi {
  /** Provider family: `anthropic` or `openai`. */
  api: 'anthropic' | 'openai';
  host: string;
  /** Lower-case header name the credential goes in. */
  header: 'x-api-key' | 'authorization';
  /** Prefix before the key in that header (`Bearer `), empty for none. */
  prefix: '' | 'Bearer ';
}

const ANTHROPIC: ProviderApi = { api: 'anthropic', host: 'api.anthropic.com', header: 'x-api-key', prefix: '' };
const OPENAI: ProviderApi = { api: 'openai', host: 'api.openai.com', header: 'authorization', prefix: 'Bearer ' };

/** Built-in templates. A plugin template is not listed: it must name its `host`. */
export const PROVIDER_TEMPLATES: Readonly<Record<string, ProviderApi>> = Object.freeze({
  claude: ANTHROPIC,
  codex: OPENAI,
  pi: ANTHROPIC,
});

function template(ap: AgentProvider | undefined): ProviderApi | undefined {
  const t = ap?.template;
  return t !== undefined && Object.hasOwn(PROVIDER_TEMPLATES, t) ? PROVIDER_TEMPLATES[t] : undefined;
}

/** The template's API, with `agent_provider.host` overriding the host; undefined for an unknown template. */
export function providerApi(ap: AgentProvider | undefined): ProviderApi | undefined {
  const base = template(ap);
  if (!base) return undefined;
  return ap?.host ? { ...base, host: ap.host } : base;
}

/** The host of the agent's model API: `agent_provider.host`, else the template's default. */
export function providerHost(ap: AgentProvider | undefined): string | undefined {
  return ap?.host || template(ap)?.host;
}
