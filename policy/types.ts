// Shapes of policy as the compiler emits it and the runtime consumes it.
// Pure types: both compiler/ and runtime/ import this module.

import type { BundledPlugin } from './plugins.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface PathMatch {
  type: 'prefix' | 'exact' | 'regex';
  value: string;
}

export interface HeaderMatch {
  name: string;
  value: string;
  type?: 'exact' | 'regex';
}

/** One entry of `matches`: fields inside are ANDed, entries are ORed. */
export interface RouteMatch {
  paths?: PathMatch[];
  methods?: string[];
  headers?: HeaderMatch[];
}

export interface RouteAuth {
  scheme: 'Bearer' | 'token';
  token_ref: string;
}

/** `false` turns a direction off; a list restricts it; absent = all defaults. */
export type DetectorSetting = false | string[];

export interface RouteDlp {
  outbound_detectors?: DetectorSetting;
  inbound_detectors?: DetectorSetting;
  outbound_on_match?: 'block' | 'redact' | 'supervise';
}

export interface Route {
  host: string;
  auth?: RouteAuth;
  matches?: RouteMatch[];
  git?: { fetch?: boolean };
  dlp?: RouteDlp | false;
  /** The team trusts this host's content (Rule of Two, property A). */
  trusted?: boolean;
}

export interface Egress {
  log?: 0 | 1 | 2;
  routes?: Route[];
}

export interface AgentProvider {
  template?: string;
  /** Overrides the template's default API host. */
  host?: string;
  auth_token?: string;
  forward_host_credentials?: boolean;
  dockerfile?: string;
  startup_args?: string[];
}

export interface GitUser {
  name?: string;
  email?: string;
}

export interface GitRepo {
  url?: string;
  key?: string;
  host_key?: string;
}

export interface GitGate {
  user?: GitUser;
  repos?: Record<string, GitRepo>;
}

export interface BudgetLimit {
  tokens: number;
  window?: string;
}

/** `{<provider>: tokens | {tokens, window}}` plus the `cutoff` policy. */
export type Budget = { cutoff?: 'cutoff' | 'freeze' | 'kill' } & {
  [provider: string]: number | BudgetLimit | string | undefined;
};

export interface ApprovalRule {
  match: { category?: string; tool?: string; host?: string; cost_over?: number };
  action: 'auto_approve' | 'auto_reject' | 'block';
}

export interface Approvals {
  rules?: ApprovalRule[];
  default?: 'auto_approve' | 'auto_reject' | 'block';
  ttl_seconds?: number;
}

export interface PluginUse {
  use: string;
  options?: { [key: string]: Json };
}

export interface RuleOfTwoWaiver {
  waive: boolean;
  justification: string;
}

/** A bottle's own fields: the frontmatter of `.bot-bottle/bottles/<name>.md`. */
export interface BottleSpec {
  extends?: string | string[];
  env?: Record<string, string>;
  agent_provider?: AgentProvider;
  'git-gate'?: GitGate;
  egress?: Egress;
  budget?: Budget;
  approvals?: Approvals;
  plugins?: PluginUse[];
  rule_of_two?: RuleOfTwoWaiver;
}

/** A bottle after its `extends` chain has been folded in. */
export interface ResolvedBottle extends Omit<BottleSpec, 'extends'> {
  name: string;
  /** Ancestors in fold order (nearest last), for "parent bottle" budget scope. */
  lineage: string[];
}

export interface AgentSpec {
  bottle?: string;
  bottles?: string[];
  skills?: string[];
  'git-gate'?: { user?: GitUser };
  budget?: Budget;
  name?: string;
  description?: string;
  model?: string;
  color?: string;
  memory?: string;
  tools?: string | string[];
}

export interface ResolvedAgent {
  name: string;
  /** Bottles the agent runs in by default, in merge order. */
  bottles: string[];
  skills?: string[];
  'git-gate'?: { user?: GitUser };
  budget?: Budget;
  /** Claude Code subagent keys: carried, not enforced. */
  subagent?: { name?: string; description?: string; model?: string; color?: string; memory?: string; tools?: string | string[] };
  /** The Markdown body: the agent's system prompt. */
  prompt: string;
}

export interface SourceEntry {
  path: string;
  sha256: string;
}

export interface BundleSignature {
  alg: 'ed25519';
  /** sha256 (hex) of the signer's public key, SPKI DER. */
  keyid: string;
  /** base64 Ed25519 signature over the digest string. */
  sig: string;
}

export interface Bundle {
  format: 1;
  compiler: string;
  revision?: string;
  sources: SourceEntry[];
  bottles: Record<string, ResolvedBottle>;
  agents: Record<string, ResolvedAgent>;
  plugins: Record<string, BundledPlugin>;
  /** sha256 (hex) over the canonical JSON of every other field but `signatures`. */
  digest: string;
  signatures?: BundleSignature[];
}

export const BUNDLE_FORMAT = 1 as const;
