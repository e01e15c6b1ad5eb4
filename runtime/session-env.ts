// The environment a session's command runs with: the launcher's own minus
// every credential variable the bundle names, plus the proxy and gateway
// settings that route it through cork, plus the bottles' `env`.
import type { Policy } from '../policy/merge.ts';

export interface SessionEndpoints {
  /** e.g. 127.0.0.1:8787 */
  listen: string;
  sessionId: string;
  token: string;
  key: string;
}

export const PROMPT_PREFIX = '?';

/** Variables cork sets for every session. */
export function corkVariables(ep: SessionEndpoints): Record<string, string> {
  const proxy = `http://${encodeURIComponent(ep.sessionId)}:${encodeURIComponent(ep.token)}@${ep.listen}`;
  const gw = `http://${ep.listen}/gw`;
  return {
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    http_proxy: proxy,
    https_proxy: proxy,
    // Empty on purpose: nothing bypasses the proxy, loopback included.
    NO_PROXY: '',
    no_proxy: '',
    ANTHROPIC_BASE_URL: `${gw}/api.anthropic.com`,
    OPENAI_BASE_URL: `${gw}/api.openai.com/v1`,
    ANTHROPIC_API_KEY: ep.key,
    OPENAI_API_KEY: ep.key,
    CORK_SESSION: ep.sessionId,
  };
}

/**
 * Builds the command's environment. `prompt` answers `"?message"` values
 * (already-set variables of the launcher win); it returns undefined when it
 * cannot ask, and then the launch is refused rather than run with a hole.
 */
export function buildSessionEnv(
  base: NodeJS.ProcessEnv,
  credentialNames: Iterable<string>,
  policy: Policy,
  ep: SessionEndpoints,
  prompt: (name: string, message: string) => string | undefined,
): { env: Record<string, string> } | { missing: string[] } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  for (const name of credentialNames) delete env[name];
  const missing: string[] = [];
  for (const [name, value] of Object.entries(policy.env ?? {})) {
    if (value.startsWith(PROMPT_PREFIX)) {
      const given = base[name] ?? prompt(name, value.slice(1));
      if (given === undefined) missing.push(`${name} (${value.slice(1)})`);
      else env[name] = given;
    } else {
      env[name] = value;
    }
  }
  if (missing.length) return { missing };
  // A bottle's env must not smuggle a credential name back in.
  for (const name of credentialNames) delete env[name];
  // Last, so the session key wins even where a credential shares its name (auth_token: ANTHROPIC_API_KEY).
  Object.assign(env, corkVariables(ep));
  return { env };
}
