// The compiler's in-memory model of a policy repo, shared by the resolve and
// lint stages. Entries keep their source file so any stage can point at a node.
import type { Policy } from '../policy/merge.ts';
import type { AgentSpec, BottleSpec, ResolvedAgent, ResolvedBottle } from '../policy/types.ts';
import type { PolicyFile } from './source.ts';

export interface BottleEntry {
  file: PolicyFile;
  /** Frontmatter as validated: only set when the file passed the schema. */
  spec: BottleSpec;
  /** Set by resolve when the extends chain resolved. */
  resolved?: ResolvedBottle;
}

export interface AgentEntry {
  file: PolicyFile;
  spec: AgentSpec;
  /** Set by resolve when every selected bottle exists. */
  resolved?: ResolvedAgent;
  /** The agent's bottles merged in order: what the agent may actually reach. */
  effective?: Policy;
}

export interface PolicyModel {
  root: string;
  files: PolicyFile[];
  bottles: Map<string, BottleEntry>;
  agents: Map<string, AgentEntry>;
}
