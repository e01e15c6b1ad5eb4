// dlp.credentials: dlp.token_patterns and dlp.known_secrets in one scanner
// pass. Routes that run both (the default outbound detectors) get this
// plugin instead of the two (policy/plugins.ts routeDetectors): one literal
// automaton holds both detectors' literals, so each request location is
// walked once instead of twice, and the per-location setup is paid once.
// Findings keep the name of the detector whose part found them, so a
// refusal reads the same as with the two plugins; test/dlp-credentials.test.ts
// holds the verdicts equal to running the two separately.
//
// Outbound only: a route that scans responses for credentials lists the
// detectors in inbound_detectors and runs them as themselves.
import { definePlugin } from '../sdk.ts';
import { DEFAULT_MAX_DECODED_BYTES } from '../scan/decompress.ts';
import { KNOWN_SECRET_RULE_IDS, KnownSecretsPart } from '../scan/known-secrets-scan.ts';
import { requestVerdict, scanRequest } from '../scan/request-scan.ts';
import { DlpScanner, type ScanPart } from '../scan/scanner.ts';
import type { VariantKind } from '../scan/secret-variants.ts';
import { tokenPatternPart } from '../scan/token-scan.ts';
import knownSecrets, { PLUGIN_ID as KNOWN_SECRETS } from './known-secrets.ts';
import tokenPatterns, { PLUGIN_ID as TOKEN_PATTERNS } from './token-patterns.ts';

export const PLUGIN_ID = 'dlp.credentials';

export interface CredentialsOptions {
  tokenPatterns?: { patterns?: string[]; disable?: string[] };
  knownSecrets?: { variants?: VariantKind[]; minSecretLength?: number; maxGap?: number };
  maxDecodedBytes?: number;
}

type Properties = Record<string, unknown>;
const props = (schema: Record<string, unknown>) => schema['properties'] as Properties;
const pick = (from: Properties, keys: string[]) => Object.fromEntries(keys.map((k) => [k, from[k]]));

export default definePlugin<CredentialsOptions>({
  id: PLUGIN_ID,
  version: '1.0.0',
  kind: 'outbound',
  optionsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      tokenPatterns: { type: 'object', additionalProperties: false, properties: pick(props(tokenPatterns.optionsSchema), ['patterns', 'disable']) },
      knownSecrets: { type: 'object', additionalProperties: false, properties: pick(props(knownSecrets.optionsSchema), ['variants', 'minSecretLength', 'maxGap']) },
      maxDecodedBytes: { type: 'integer', minimum: 1024, default: DEFAULT_MAX_DECODED_BYTES },
    },
  },
  setup(options, context) {
    const opts = options ?? {};
    const ks = opts.knownSecrets ?? {};
    const secrets = new KnownSecretsPart(context.secrets, {
      ...(ks.variants ? { kinds: ks.variants } : {}),
      ...(ks.minSecretLength !== undefined ? { minSecretLength: ks.minSecretLength } : {}),
      ...(ks.maxGap !== undefined ? { maxGap: ks.maxGap } : {}),
    });
    const parts: ScanPart[] = [tokenPatternPart(opts.tokenPatterns ?? {})];
    // No secret to look for: the token part alone, as dlp.known_secrets would be a no-op.
    if (secrets.variants.length > 0 || secrets.projections.length > 0) parts.push(secrets);
    const scanner = new DlpScanner(parts);
    const knownRules = new Set(KNOWN_SECRET_RULE_IDS);
    const detector = (rule: string) => (knownRules.has(rule) ? KNOWN_SECRETS : TOKEN_PATTERNS);
    const scanOptions = { maxDecodedBytes: opts.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES };
    return {
      overlapBytes: scanner.overlapBytes,
      onRequest: (req) => requestVerdict(scanRequest(req, detector, scanner, scanOptions)),
    };
  },
});
