// dlp.token_patterns: credentials by their format (GitHub, AWS, Slack,
// Stripe, model-provider keys, JWTs, private keys, `password=` …) in every
// part of an outbound request. The table lives in policy/token-patterns.ts,
// shared with the compiler's lint; one literal pass finds the patterns'
// keywords and each regex runs only next to one.
//
// Returns `block` with findings; the host applies the route's
// outbound_on_match (block / redact / supervise) with applyAction
// (plugins/scan/action.ts).
//
// Inbound: it also scans response chunks (a route may list it in
// inbound_detectors). A credential in a response is often legitimate (an
// API that creates a token returns it), so by default that is `warn`.
import { definePlugin, type PluginHooks } from '../sdk.ts';
import { DEFAULT_MAX_DECODED_BYTES } from '../scan/decompress.ts';
import { chunkVerdict, type InboundAction, requestVerdict, scanChunk, scanRequest } from '../scan/request-scan.ts';
import { DlpScanner } from '../scan/scanner.ts';
import { TOKEN_PATTERN_IDS, tokenPatternPart } from '../scan/token-scan.ts';

export const PLUGIN_ID = 'dlp.token_patterns';

export interface TokenPatternsOptions {
  /** Only these pattern ids (default: every pattern). */
  patterns?: string[];
  /** Leave these pattern ids out. */
  disable?: string[];
  /** Cap on what a compressed body may decode to; over it the request is blocked. */
  maxDecodedBytes?: number;
  /** What a credential in a response does. */
  inbound?: InboundAction;
}

const ids = { type: 'array', items: { enum: [...TOKEN_PATTERN_IDS] }, uniqueItems: true };

export default definePlugin<TokenPatternsOptions>({
  id: PLUGIN_ID,
  version: '1.0.0',
  kind: 'outbound',
  optionsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      patterns: { ...ids, description: 'Only these patterns (default: all).' },
      disable: { ...ids, description: 'Patterns to leave out.' },
      maxDecodedBytes: { type: 'integer', minimum: 1024, default: DEFAULT_MAX_DECODED_BYTES },
      inbound: { enum: ['block', 'warn', 'off'], default: 'warn' },
    },
  },
  setup(options) {
    const opts = options ?? {};
    const scanner = new DlpScanner([tokenPatternPart(opts)]);
    const scanOptions = { maxDecodedBytes: opts.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES };
    const inbound = opts.inbound ?? 'warn';
    const hooks: PluginHooks = {
      overlapBytes: scanner.overlapBytes,
      onRequest: (req) => requestVerdict(scanRequest(req, PLUGIN_ID, scanner, scanOptions)),
    };
    // Off means no hook at all: the host skips the plugin on responses.
    if (inbound !== 'off') hooks.onResponseChunk = (chunk) => chunkVerdict(scanChunk(chunk, PLUGIN_ID, scanner), inbound);
    return hooks;
  },
});
