// dlp.injection (inbound): prompt-injection phrases in a response, on text
// normalized against Unicode evasion (plugins/scan/normalize.ts). A
// disclosure phrase (system prompt, API key, credentials, environment
// variables…) and a jailbreak phrase (ignore previous instructions, you are
// now, developer mode…) within `window` characters of each other → block;
// either kind alone → warn (logged, forwarded). The closest pair is found in
// one linear pass.
//
// Chunk by chunk: the host keeps `overlapBytes` of each stream and passes
// them in front of the next chunk, so a phrase, or a pair, split across
// chunks is seen whole. Offsets in findings are in the whole body.
import { ALLOW, definePlugin, type Finding, type ResponseChunkView, type Verdict } from '../sdk.ts';
import { InjectionDetector, PHRASE_IDS, type PhraseHit } from '../scan/injection-scan.ts';

export const PLUGIN_ID = 'dlp.injection';

export interface InjectionPluginOptions {
  /** Largest gap, in characters of normalized text, between the two phrases of a blocking pair. Default 200. */
  window?: number;
  /** 0–1: how close inside the window a pair must be to block (1 − gap/window ≥ threshold). Default 0. */
  threshold?: number;
  /** Phrase ids to leave out. */
  disable?: string[];
}

export default definePlugin<InjectionPluginOptions>({
  id: PLUGIN_ID,
  version: '1.0.0',
  kind: 'inbound',
  optionsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      window: { type: 'integer', minimum: 1, maximum: 10000, default: 200 },
      threshold: { type: 'number', minimum: 0, maximum: 1, default: 0 },
      disable: { type: 'array', items: { enum: [...PHRASE_IDS] }, uniqueItems: true },
    },
  },
  setup(options) {
    const detector = new InjectionDetector(options ?? {});
    return {
      overlapBytes: detector.overlapBytes,
      onResponseChunk: (chunk) => chunkVerdict(detector, chunk),
    };
  },
});

function chunkVerdict(detector: InjectionDetector, chunk: ResponseChunkView): Verdict {
  const { hits, pair } = detector.detect(chunk.data);
  const finding = (h: PhraseHit): Finding => ({
    detector: PLUGIN_ID,
    rule: h.rule,
    location: 'body',
    offset: chunk.position + h.offset,
    length: h.length,
    severity: pair ? 'high' : detector.severity(h),
    excerpt: h.excerpt,
  });
  // A pair wholly inside the overlap blocked the previous chunk already; one reaching new bytes blocks now.
  if (pair) return { action: 'block', findings: [finding(pair.first), finding(pair.second)] };
  const fresh = hits.filter((h) => h.offset + h.length > chunk.overlap);
  return fresh.length === 0 ? ALLOW : { action: 'warn', findings: fresh.map(finding) };
}
