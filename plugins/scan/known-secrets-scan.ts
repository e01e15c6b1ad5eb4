// Known secrets: every variant of every secret, found by the shared literal
// pass on its first PREFIX bytes and then compared whole. The alnum
// projection has its own automaton (separators are skipped there, not
// matched), run in the same loop over the bytes.
import { bytesEqualAt, IS_ALNUM } from './bytes.ts';
import type { GapOptions } from './literal-matcher.ts';
import { type Match, resolveOverlaps } from './match.ts';
import type { PartRun, ScanInput, ScanPart } from './scanner.ts';
import { type SecretVariant, secretVariants, VARIANT_KINDS, type VariantOptions } from './secret-variants.ts';

export interface KnownSecretsOptions extends VariantOptions {
  /** Secrets shorter than this are not scanned for: they would match by chance. Default 8. */
  minSecretLength?: number;
  /** Most separator bytes between two characters of an alnum projection. Default 4. */
  maxGap?: number;
}

// Long enough that random text never matches it, short enough to keep the automaton small.
const PREFIX = 16;

const NOT_ALNUM: Uint8Array = IS_ALNUM.map((x) => 1 - x);

export const knownSecretRule = (v: Pick<SecretVariant, 'kind'>) => `known-secret-${v.kind}`;
const RULES: ReadonlyMap<string, string> = new Map(VARIANT_KINDS.map((k) => [k, knownSecretRule({ kind: k })]));
export const KNOWN_SECRET_RULE_IDS: readonly string[] = Object.freeze([...RULES.values()]);

export class KnownSecretsPart implements ScanPart {
  readonly literals: Uint8Array[];
  readonly overlapBytes: number;
  /** Every variant in the literal pass, by literal index. */
  readonly variants: SecretVariant[];
  readonly projections: SecretVariant[];
  readonly skipped: number;
  readonly gapped: { literals: Uint8Array[]; gaps: GapOptions } | undefined;
  private readonly maxGap: number;

  constructor(secrets: readonly string[], options: KnownSecretsOptions = {}) {
    const minSecret = options.minSecretLength ?? 8;
    this.maxGap = options.maxGap ?? 4;
    const all: SecretVariant[] = [];
    let skipped = 0;
    secrets.forEach((s, i) => {
      if (s.length < minSecret) skipped++;
      else all.push(...secretVariants(s, i, options));
    });
    this.skipped = skipped;
    this.variants = all.filter((v) => v.kind !== 'alnum-projection');
    this.projections = all.filter((v) => v.kind === 'alnum-projection');
    this.literals = this.variants.map((v) => v.bytes.subarray(0, PREFIX));
    this.gapped = this.projections.length > 0 ? { literals: this.projections.map((v) => v.bytes.subarray(0, PREFIX)), gaps: { skip: NOT_ALNUM, maxGap: this.maxGap } } : undefined;
    this.overlapBytes = Math.max(
      0,
      ...this.variants.map((v) => v.bytes.length),
      ...this.projections.map((v) => v.bytes.length + (v.bytes.length - 1) * this.maxGap),
    );
  }

  start(input: ScanInput): PartRun {
    const data = input.data;
    const byKind = new Map<string, Match[]>();
    const add = (v: SecretVariant, offset: number, length: number) => {
      const rule = RULES.get(v.kind)!;
      let list = byKind.get(rule);
      if (!list) byKind.set(rule, (list = []));
      list.push({ rule, offset, length, severity: 'critical', excerpt: `known secret #${v.secret + 1} (${v.kind}, ${length} bytes)` });
    };
    const { variants, literals } = this;
    return {
      hit(local, end) {
        const v = variants[local]!;
        const start = end - literals[local]!.length;
        if (bytesEqualAt(data, start, v.bytes, v.foldCase)) add(v, start, v.bytes.length);
      },
      hitGapped: (local, end) => this.verifyProjection(data, local, end, add),
      finish: () =>
        // Raw first: where an encoding and the raw value cover the same bytes, it is the raw value.
        byKind.size === 0 ? [] : resolveOverlaps(VARIANT_KINDS.map((k) => byKind.get(RULES.get(k)!) ?? [])),
    };
  }

  /** The first PREFIX letters and digits of a projection end at `end`: find its start, and check the rest. */
  private verifyProjection(data: Uint8Array, local: number, end: number, add: (v: SecretVariant, offset: number, length: number) => void): void {
    const maxGap = this.maxGap;
    const v = this.projections[local]!;
    const want = v.bytes;
    // Back over the prefix's letters and digits to where it began.
    let start = end - 1;
    for (let left = Math.min(PREFIX, want.length) - 1; left > 0; left--) {
      start--;
      while (start > 0 && IS_ALNUM[data[start]!] === 0) start--;
    }
    // Forward over the rest, allowing the same gaps.
    let i = end;
    for (let k = PREFIX; k < want.length; k++) {
      let gap = 0;
      while (i < data.length && IS_ALNUM[data[i]!] === 0 && gap <= maxGap) (i++, gap++);
      if (i >= data.length || gap > maxGap || (data[i]! | 0x20) !== (want[k]! | 0x20)) return;
      i++;
    }
    add(v, start, i - start);
  }
}
