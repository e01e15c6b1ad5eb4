// dlp.known_secrets: the real values of the credentials the runtime injects
// (and of env values the bottle marks sensitive) — `context.secrets` — in
// any part of an outbound request, raw or encoded: base64 at each of the
// three byte alignments, base64url, hex (either case), percent-encoding,
// JSON escapes, reversed, and the letters and digits with separators put
// between them. Compressed bodies are decoded first (capped). Every variant
// is computed once at setup and all are found in one literal pass.
//
// The runtime injects credentials after this scan, so a hit here means the
// agent had the value and is sending it somewhere: `block` with findings,
// turned into the route's action by the host (applyAction).
//
// Inbound: a response that carries an injected credential back hands it to
// the agent, which must never hold it; by default that blocks the stream.
import { ALLOW, definePlugin, type PluginHooks } from '../sdk.ts';
import { DEFAULT_MAX_DECODED_BYTES } from '../scan/decompress.ts';
import { KnownSecretsPart } from '../scan/known-secrets-scan.ts';
import { chunkVerdict, type InboundAction, requestVerdict, scanChunk, scanRequest } from '../scan/request-scan.ts';
import { DlpScanner } from '../scan/scanner.ts';
import { VARIANT_KINDS, type VariantKind } from '../scan/secret-variants.ts';

export const PLUGIN_ID = 'dlp.known_secrets';

export interface KnownSecretsPluginOptions {
  /** Encodings to look for (default: all). */
  variants?: VariantKind[];
  /** Shorter secrets are not scanned for (they would match by chance). Default 8. */
  minSecretLength?: number;
  /** Most separator bytes between two characters of the alnum projection. Default 4. */
  maxGap?: number;
  maxDecodedBytes?: number;
  inbound?: InboundAction;
}

export default definePlugin<KnownSecretsPluginOptions>({
  id: PLUGIN_ID,
  version: '1.0.0',
  kind: 'outbound',
  optionsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      variants: { type: 'array', items: { enum: [...VARIANT_KINDS] }, uniqueItems: true, minItems: 1 },
      minSecretLength: { type: 'integer', minimum: 4, default: 8 },
      maxGap: { type: 'integer', minimum: 1, maximum: 16, default: 4 },
      maxDecodedBytes: { type: 'integer', minimum: 1024, default: DEFAULT_MAX_DECODED_BYTES },
      inbound: { enum: ['block', 'warn', 'off'], default: 'block' },
    },
  },
  setup(options, context) {
    const opts = options ?? {};
    const part = new KnownSecretsPart(context.secrets, {
      ...(opts.variants ? { kinds: opts.variants } : {}),
      ...(opts.minSecretLength !== undefined ? { minSecretLength: opts.minSecretLength } : {}),
      ...(opts.maxGap !== undefined ? { maxGap: opts.maxGap } : {}),
    });
    // Nothing to look for: a no-op, not a scan that cannot find anything.
    if (part.variants.length === 0 && part.projections.length === 0) return { overlapBytes: 0, onRequest: () => ALLOW };
    const scanner = new DlpScanner([part]);
    const scanOptions = { maxDecodedBytes: opts.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES };
    const inbound = opts.inbound ?? 'block';
    const hooks: PluginHooks = {
      overlapBytes: scanner.overlapBytes,
      onRequest: (req) => requestVerdict(scanRequest(req, PLUGIN_ID, scanner, scanOptions)),
    };
    if (inbound !== 'off') hooks.onResponseChunk = (chunk) => chunkVerdict(scanChunk(chunk, PLUGIN_ID, scanner), inbound);
    return hooks;
  },
});
