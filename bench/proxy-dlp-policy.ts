// The DLP proxy benchmark's policy: the proxy benchmark's shape (a 200-route
// bottle, the target mid-table behind a refusing match entry, Bearer
// credential injection, egress.log 0), with the target route's `dlp` left
// out — the default detectors: dlp.token_patterns + dlp.known_secrets on the
// request (known_secrets looks for the injected credential), dlp.injection on
// the response — or, for the same-run baselines, outbound detectors only or
// `dlp: false`. The bench paths are POST /post1k … /post256k, plus GET
// /echo-headers for the preflight.
import type { Bundle } from '../policy/types.ts';
import { writeTargetBundle } from './proxy-policy.ts';

export { BENCH_AGENT, ROUTES, TARGET_HOST, TOKEN_REF } from './proxy-policy.ts';
export const POST_PATHS = ['/post1k', '/post16k', '/post64k', '/post256k'] as const;

/** `default`: dlp omitted (all default detectors); `outbound`: no response scanning; `off`: dlp: false. */
export type DlpSetting = 'default' | 'outbound' | 'off';

/** The proxy benchmark's bottle with the target route's DLP set as asked; compiled, with its path. */
export function writeDlpBenchBundle(root: string, opts: { dlp: DlpSetting }): { path: string; bundle: Bundle } {
  return writeTargetBundle(root, {
    dlp: opts.dlp === 'off' ? ['      dlp: false'] : opts.dlp === 'outbound' ? ['      dlp: { inbound_detectors: false }'] : [],
    matches: [
      '        - paths: [{ type: exact, value: /echo-headers }]',
      '          methods: [GET]',
      `        - paths: [${POST_PATHS.map((p) => `{ type: exact, value: ${p} }`).join(', ')}]`,
      '          methods: [POST]',
    ],
    name: `dlp-${opts.dlp}`,
    title: `the DLP proxy benchmark (target DLP: ${opts.dlp})`,
  });
}

/**
 * A request body that reads like agent traffic (an LLM API call carrying
 * prose, code and config text), deterministic, exactly `bytes` long. It has
 * the words the detectors' keyword prefilters look for (token, key,
 * password, secret, api, bearer, ghp_…) so their regexes run, but no value
 * any detector flags: the benchmark measures the cost of scanning a clean
 * request, which is what nearly every request is.
 */
export function realisticBody(bytes: number): Buffer {
  const lines = [
    'The deploy job reads the api key from the vault and passes the token to the client;',
    'never log the password or the secret, and rotate the bearer credential every week.',
    'function retry(fn, attempts = 3) { for (let i = 0; i < attempts; i++) { try { return fn(); } catch (e) { sleep(2 ** i); } } }',
    'config: { region: "eu-west-1", timeout_ms: 30000, token_ttl: 3600, password_policy: "strong" }',
    'See docs/auth.md: tokens look like ghp_ followed by letters; AKIA ids are AWS access keys.',
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.',
  ];
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${lines[i % lines.length]} (${i})\n`;
  // Valid JSON, exactly `bytes` long: the content cut to fit, then padded with spaces.
  const json = (content: string, pad: number) => JSON.stringify({ model: 'bench', max_tokens: 1024, messages: [{ role: 'user', content }], metadata: ' '.repeat(pad) });
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (Buffer.byteLength(json(text.slice(0, mid), 0)) <= bytes) lo = mid;
    else hi = mid - 1;
  }
  const base = json(text.slice(0, lo), 0);
  if (Buffer.byteLength(base) > bytes) throw new Error(`realisticBody: ${bytes} bytes is too small for the JSON envelope`);
  const body = Buffer.from(json(text.slice(0, lo), bytes - Buffer.byteLength(base)));
  if (body.length !== bytes) throw new Error(`realisticBody: ${body.length} ≠ ${bytes}`);
  return body;
}
