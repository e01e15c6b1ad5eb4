// Credential formats, shared by the compiler's literal-secret lint and the
// runtime's dlp.token_patterns plugin. Each pattern names literal keywords:
// a pattern's regex runs only when one of its keywords occurs in the text,
// so text with no keyword costs one lower-casing and a few substring scans.
// Every regex here runs on untrusted text, so each stays linear-time: one
// attempt cannot backtrack catastrophically (a test checks with
// redos-detector), quantifiers are bounded, and a leading lookbehind stops a
// new attempt from starting inside a run the previous attempt already read.

export interface TokenPattern {
  id: string;
  name: string;
  /** Lower-case substrings: the regex runs only if one occurs (case-insensitively) in the text. */
  keywords: readonly string[];
  /** Global. When it has a capture group, group 1 is the secret (needs the `d` flag). */
  regex: RegExp;
  /** Rejects a candidate the regex matched (checksum, structure, entropy). Gets the secret text. */
  check?: (match: string) => boolean;
  /**
   * For the runtime scanner, which runs the regex only in a window around
   * each keyword occurrence: the most characters a match can start before
   * the keyword (0 when the match starts with it), and the longest match.
   * A wrong value makes the runtime miss what the lint finds; a test checks
   * both against the regex.
   */
  maxLead?: number;
  maxLength?: number;
  /** How bad a leak of this is; `high` when not set. */
  severity?: 'low' | 'medium' | 'high' | 'critical';
  /**
   * The id of another pattern this one is only looked for next to: the
   * runtime searches from `maxLead` bytes before each of that pattern's
   * matches to `maxLength` bytes after its start (the secret half of a key
   * pair, found next to its id). Its keywords are that pattern's.
   */
  near?: string;
  /**
   * What must follow a keyword for the regex to have a chance: within
   * `within` bytes after it, skipping `skipping`, a byte of `oneOf`. The
   * runtime drops a keyword hit that fails this before any regex attempt,
   * which is most hits of common words (`token`, `password`) in prose. It
   * must be implied by the regex (a test checks it against matches).
   */
  followedBy?: { skipping: string; within: number; oneOf: string };
}

export interface SecretFinding {
  patternId: string;
  name: string;
  /** UTF-16 offset of the secret in the scanned text. */
  index: number;
  length: number;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of an ASCII string. */
function crc32(ascii: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < ascii.length; i++) crc = CRC_TABLE[(crc ^ ascii.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62Decode(s: string): number {
  let n = 0;
  for (const ch of s) {
    const d = BASE62.indexOf(ch);
    if (d < 0) return -1;
    n = n * 62 + d;
  }
  return n;
}

/**
 * GitHub's 2021 token format: prefix, 30 random base62 characters, then the
 * CRC-32 of those 30 characters in 6 base62 digits. A wrong checksum means a
 * made-up string (a placeholder or a truncated copy), not a token.
 */
function githubChecksumOk(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62Decode(body.slice(30)) === crc32(body.slice(0, 30));
}

/** The header of a JWT is base64url JSON with an `alg`: anything else that starts with eyJ is not one. */
function jwtHeaderOk(token: string): boolean {
  try {
    // atob, not Buffer: this file is also bundled into the plugin workers, which use no Node-only API.
    const part = token.slice(0, token.indexOf('.')).replace(/-/g, '+').replace(/_/g, '/');
    const header = JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '='))) as unknown;
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const n = [...s].length;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Below this a generic `password=` value reads like a word, not a secret. */
export const GENERIC_MIN_ENTROPY = 3;

// A dotted identifier without digits is code (`os.environ`, `config.token`), not a value.
const IDENTIFIER_PATH = /^[A-Za-z_][A-Za-z_]*(?:\.[A-Za-z_][A-Za-z_]*)*$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

function genericValueOk(value: string): boolean {
  if (IDENTIFIER_PATH.test(value) || ENV_NAME.test(value)) return false;
  return shannonEntropy(value) >= GENERIC_MIN_ENTROPY;
}

const PLACEHOLDER_PART = /x{4,}|\*{3,}|\.\.\.|…|example|changeme|change[_-]me|replace[_-]?me|placeholder|redacted|your[_-]|\$\{|\{\{|<[^>]*>/i;
const PLACEHOLDER_WORD = /^(?:password|passwd|pass|secret|token|apikey|api_key|none|null|test|admin|root|user)$/i;

/**
 * Values written to show where a secret goes, not a secret: `${TOKEN}`,
 * `<your-token>`, `xxxx`, `changeme`, the `EXAMPLE` keys of vendor docs, a
 * run of one character, and the bare words people type as a stand-in.
 */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_PART.test(value) || PLACEHOLDER_WORD.test(value) || /^(.)\1*$/su.test(value);
}

/** What a message may print of a secret: its first few characters. */
export function maskSecret(secret: string): string {
  const keep = secret.length >= 16 ? 4 : Math.floor(secret.length / 4);
  return `${secret.slice(0, keep)}…`;
}

// Order matters: specific formats first, so a token inside `token=…` is
// reported once, under its own name rather than the generic assignment.
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  {
    id: 'github-classic',
    name: 'GitHub token',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    regex: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    check: githubChecksumOk,
    maxLead: 0,
    maxLength: 40,
    severity: 'critical',
  },
  {
    id: 'github-fine-grained',
    name: 'GitHub fine-grained token',
    keywords: ['github_pat_'],
    regex: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 93,
    severity: 'critical',
  },
  {
    id: 'gitlab',
    name: 'GitLab token',
    keywords: ['glpat-'],
    regex: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,80}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,9})?/g,
    maxLead: 0,
    maxLength: 99,
    severity: 'critical',
  },
  {
    id: 'aws-access-key-id',
    name: 'AWS access key id',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g,
    maxLead: 0,
    maxLength: 20,
    severity: 'critical',
  },
  {
    id: 'google-api-key',
    name: 'Google API key',
    keywords: ['aiza'],
    regex: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 39,
    severity: 'high',
  },
  {
    id: 'slack-token',
    name: 'Slack token',
    keywords: ['xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-'],
    regex: /(?<![A-Za-z0-9_-])xox[baprs]-[0-9A-Za-z]{6,64}(?:-[0-9A-Za-z]{6,64}){1,4}/g,
    maxLead: 0,
    maxLength: 329,
    severity: 'high',
  },
  {
    id: 'slack-webhook',
    name: 'Slack webhook URL',
    keywords: ['hooks.slack.com/'],
    regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{8,12}\/[AB][A-Z0-9]{8,12}\/[A-Za-z0-9]{24}/g,
    maxLead: 8,
    maxLength: 86,
    severity: 'high',
  },
  {
    id: 'stripe',
    name: 'Stripe live key',
    keywords: ['sk_live_', 'rk_live_'],
    regex: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 255,
    severity: 'critical',
  },
  {
    id: 'anthropic',
    name: 'Anthropic API key',
    keywords: ['sk-ant-'],
    regex: /(?<![A-Za-z0-9_-])sk-ant-[a-z]{3,8}[0-9]{2}-[A-Za-z0-9_-]{40,200}/g,
    maxLead: 0,
    maxLength: 218,
    severity: 'critical',
  },
  {
    id: 'openai',
    name: 'OpenAI API key',
    keywords: ['sk-'],
    regex: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}|[A-Za-z0-9]{48}(?![A-Za-z0-9_-]))/g,
    maxLead: 0,
    maxLength: 311,
    severity: 'critical',
  },
  {
    id: 'npm',
    name: 'npm token',
    keywords: ['npm_'],
    regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 40,
    severity: 'critical',
  },
  {
    id: 'pypi',
    name: 'PyPI token',
    keywords: ['pypi-ageichlwas5vcmc'],
    regex: /(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}/g,
    maxLead: 0,
    maxLength: 320,
    severity: 'critical',
  },
  {
    id: 'huggingface',
    name: 'Hugging Face token',
    keywords: ['hf_'],
    regex: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 37,
    severity: 'high',
  },
  {
    id: 'twilio',
    name: 'Twilio API key',
    keywords: ['sk'],
    regex: /(?<![A-Za-z0-9_])SK[0-9a-fA-F]{32}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 34,
    severity: 'high',
  },
  {
    id: 'sendgrid',
    name: 'SendGrid API key',
    keywords: ['sg.'],
    regex: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 69,
    severity: 'high',
  },
  {
    id: 'jwt',
    name: 'JSON Web Token',
    keywords: ['eyj'],
    regex: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,1024}/g,
    check: jwtHeaderOk,
    maxLead: 0,
    maxLength: 13320,
    severity: 'medium',
  },
  {
    id: 'pem-private-key',
    name: 'PEM private key',
    keywords: ['private key'],
    // The header alone is often quoted in docs; a key has base64 after it.
    // Line breaks may be real or escaped (`\n` inside a JSON string). The
    // match runs on over the key's body, so a redaction takes all of it.
    regex: /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:\\[rn]|[\r\n]){1,4}(?:[A-Za-z-]{1,40}: [^\r\n\\]{1,200}(?:\\[rn]|[\r\n]){1,4}){0,3}[A-Za-z0-9+/]{40}[A-Za-z0-9+/=\r\n\\]{0,16384}/g,
    maxLead: 74,
    maxLength: 17278,
    severity: 'critical',
  },
  {
    id: 'url-credentials',
    name: 'password in a URL',
    keywords: ['://'],
    regex: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,100}:([^\s:/@]{6,200})@/dg,
    check: genericValueOk,
    maxLead: 21,
    maxLength: 326,
    severity: 'high',
  },
  {
    id: 'generic-assignment',
    name: 'password or secret',
    keywords: ['password', 'passwd', 'secret', 'api_key', 'api-key', 'apikey', 'access_key', 'access-key', 'accesskey', 'token'],
    regex: /(?:password|passwd|secret|api[_-]?key|access[_-]?key|token)["']?[ \t]{0,5}[:=][ \t]{0,5}["']?([^\s"'`<>,;()[\]{}]{8,128})/dgi,
    check: genericValueOk,
    followedBy: { skipping: '"\' \t', within: 6, oneOf: ':=' },
    maxLead: 0,
    maxLength: 151,
    severity: 'medium',
  },
];


/** An AWS secret access key: 40 base64 characters, random (mixed case and digits, high entropy). */
function awsSecretOk(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value) && shannonEntropy(value) >= 4;
}

/**
 * Formats only the runtime DLP scans for. They are kept apart from
 * TOKEN_PATTERNS, which the compiler's lint and its fixtures pin one sample
 * per id to; they can join it once those samples exist.
 */
export const EXTRA_TOKEN_PATTERNS: readonly TokenPattern[] = [
  {
    id: 'gitlab-other',
    name: 'GitLab pipeline, deploy, runner or feed token',
    keywords: ['glptt-', 'gldt-', 'glrt-', 'glft-', 'glsoat-', 'gloas-', 'glffct-', 'glimt-', 'glagent-', 'gr1348941', 'glcbt-'],
    regex: /(?<![A-Za-z0-9_-])(?:glptt-[0-9a-f]{40}|(?:gldt|glrt|glft|glsoat|gloas|glffct)-[0-9A-Za-z_-]{20,64}|glimt-[0-9A-Za-z_-]{25}|glagent-[0-9A-Za-z_-]{50,64}|GR1348941[0-9A-Za-z_-]{20,64}|glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20,64})(?![0-9A-Za-z_-])/g,
    maxLead: 0,
    maxLength: 76,
    severity: 'critical',
  },
  {
    id: 'slack-app-token',
    name: 'Slack app-level token',
    keywords: ['xapp-'],
    regex: /(?<![A-Za-z0-9_-])xapp-[0-9]-[A-Z0-9]{8,16}-[0-9]{8,16}-[a-z0-9]{32,80}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 121,
  },
  {
    id: 'slack-config-token',
    name: 'Slack configuration token',
    keywords: ['xoxe.xox', 'xoxe-'],
    regex: /(?<![A-Za-z0-9_.-])xoxe(?:\.xox[bp]-[0-9]-[A-Z0-9]{150,175}|-[0-9]-[A-Z0-9]{140,155})(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 187,
  },
  {
    id: 'stripe-webhook-secret',
    name: 'Stripe webhook signing secret',
    keywords: ['whsec_'],
    regex: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9]{32,64}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 70,
  },
  {
    id: 'stripe-test',
    name: 'Stripe test-mode key',
    keywords: ['sk_test_', 'rk_test_'],
    regex: /(?<![A-Za-z0-9_])[sr]k_test_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 255,
    severity: 'medium',
  },
  {
    id: 'digitalocean',
    name: 'DigitalOcean token',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    regex: /(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 71,
    severity: 'critical',
  },
  {
    id: 'shopify',
    name: 'Shopify access token',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    regex: /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 38,
  },
  {
    id: 'databricks',
    name: 'Databricks token',
    keywords: ['dapi'],
    regex: /(?<![A-Za-z0-9_])dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 38,
  },
  {
    id: 'linear',
    name: 'Linear API key',
    keywords: ['lin_api_'],
    regex: /(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 48,
  },
  {
    id: 'postman',
    name: 'Postman API key',
    keywords: ['pmak-'],
    regex: /(?<![A-Za-z0-9_-])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 64,
  },
  {
    id: 'doppler',
    name: 'Doppler token',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    regex: /(?<![A-Za-z0-9_.])dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 53,
  },
  {
    id: 'pulumi',
    name: 'Pulumi access token',
    keywords: ['pul-'],
    regex: /(?<![A-Za-z0-9_-])pul-[a-f0-9]{40}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 44,
  },
  {
    id: 'age-secret-key',
    name: 'age secret key',
    keywords: ['age-secret-key-1'],
    regex: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9])/g,
    maxLead: 0,
    maxLength: 74,
    severity: 'critical',
  },
  {
    id: 'vault-token',
    name: 'HashiCorp Vault token',
    keywords: ['hvs.', 'hvb.'],
    regex: /(?<![A-Za-z0-9_.-])hv[sb]\.[A-Za-z0-9_-]{90,400}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 404,
    severity: 'critical',
  },
  {
    id: 'groq',
    name: 'Groq API key',
    keywords: ['gsk_'],
    regex: /(?<![A-Za-z0-9_])gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 56,
  },
  {
    id: 'xai',
    name: 'xAI API key',
    keywords: ['xai-'],
    regex: /(?<![A-Za-z0-9_-])xai-[A-Za-z0-9]{80}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 84,
  },
  {
    id: 'replicate',
    name: 'Replicate API token',
    keywords: ['r8_'],
    regex: /(?<![A-Za-z0-9_])r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 40,
  },
  {
    id: 'perplexity',
    name: 'Perplexity API key',
    keywords: ['pplx-'],
    regex: /(?<![A-Za-z0-9_-])pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 53,
  },
  {
    id: 'supabase',
    name: 'Supabase access token',
    keywords: ['sbp_'],
    regex: /(?<![A-Za-z0-9_])sbp_[a-f0-9]{40}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 44,
  },
  {
    id: 'dockerhub',
    name: 'Docker Hub access token',
    keywords: ['dckr_pat_'],
    regex: /(?<![A-Za-z0-9_])dckr_pat_[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 36,
  },
  {
    id: 'rubygems',
    name: 'RubyGems API key',
    keywords: ['rubygems_'],
    regex: /(?<![A-Za-z0-9_])rubygems_[a-f0-9]{48}(?![A-Za-z0-9_])/g,
    maxLead: 0,
    maxLength: 57,
  },
  {
    id: 'mailchimp',
    name: 'Mailchimp API key',
    keywords: ['-us'],
    regex: /(?<![A-Za-z0-9_-])[a-f0-9]{32}-us[0-9]{1,2}(?![A-Za-z0-9_-])/g,
    check: (key) => shannonEntropy(key.slice(0, 32)) >= 3,
    maxLead: 32,
    maxLength: 37,
  },
  {
    id: 'atlassian',
    name: 'Atlassian API token',
    keywords: ['atatt3'],
    regex: /(?<![A-Za-z0-9_-])ATATT3[A-Za-z0-9_=-]{150,250}(?![A-Za-z0-9_=-])/g,
    maxLead: 0,
    maxLength: 256,
  },
  {
    id: 'tailscale',
    name: 'Tailscale key',
    keywords: ['tskey-'],
    regex: /(?<![A-Za-z0-9_-])tskey-(?:api|auth|client|webhook|scim)-[A-Za-z0-9]{8,20}-[A-Za-z0-9]{20,64}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 99,
  },
  {
    id: 'sentry',
    name: 'Sentry token',
    keywords: ['sntrys_', 'sntryu_'],
    regex: /(?<![A-Za-z0-9_])(?:sntrys_eyJ[A-Za-z0-9+/=_-]{60,600}|sntryu_[a-f0-9]{64})(?![A-Za-z0-9+/=_-])/g,
    maxLead: 0,
    maxLength: 610,
  },
  {
    id: 'grafana',
    name: 'Grafana token',
    keywords: ['glc_', 'glsa_'],
    regex: /(?<![A-Za-z0-9_])(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9+/=_])/g,
    maxLead: 0,
    maxLength: 406,
  },
  {
    id: 'heroku',
    name: 'Heroku API key',
    keywords: ['hrku-aa'],
    regex: /(?<![A-Za-z0-9_-])HRKU-AA[0-9A-Za-z_-]{58}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 65,
  },
  {
    id: 'newrelic',
    name: 'New Relic user API key',
    keywords: ['nrak-'],
    regex: /(?<![A-Za-z0-9_-])NRAK-[A-Z0-9]{27}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 32,
  },
  {
    id: 'telegram-bot',
    name: 'Telegram bot token',
    keywords: [':aa'],
    regex: /(?<![A-Za-z0-9_:])[0-9]{8,10}:AA[0-9A-Za-z_-]{33}(?![A-Za-z0-9_-])/g,
    maxLead: 10,
    maxLength: 46,
  },
  {
    id: 'square',
    name: 'Square access token',
    keywords: ['sq0atp-', 'sq0csp-'],
    regex: /(?<![A-Za-z0-9_-])sq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 50,
  },
  {
    id: 'flyio',
    name: 'Fly.io access token',
    keywords: ['fo1_'],
    regex: /(?<![A-Za-z0-9_])fo1_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    maxLead: 0,
    maxLength: 47,
  },
  {
    id: 'azure-storage-key',
    name: 'Azure storage account key',
    keywords: ['accountkey='],
    regex: /AccountKey=([A-Za-z0-9+/]{86}==)/dg,
    maxLead: 0,
    maxLength: 99,
    severity: 'critical',
  },
  {
    id: 'aws-secret-access-key',
    name: 'AWS secret access key',
    // Only near an access key id: alone, 40 base64 characters are any hash or blob.
    keywords: ['akia', 'asia', 'abia', 'acca'],
    regex: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    check: awsSecretOk,
    near: 'aws-access-key-id',
    maxLead: 300,
    maxLength: 340,
    severity: 'critical',
  },
];

const GENERIC_IDS = new Set(['url-credentials', 'generic-assignment']);

/**
 * What the runtime's dlp.token_patterns scans for: every format, then the
 * generic assignments last so a known format wins where both match.
 */
export const DLP_TOKEN_PATTERNS: readonly TokenPattern[] = [
  ...TOKEN_PATTERNS.filter((p) => !GENERIC_IDS.has(p.id)),
  ...EXTRA_TOKEN_PATTERNS,
  ...TOKEN_PATTERNS.filter((p) => GENERIC_IDS.has(p.id)),
];

/**
 * Every credential in `text`, in order of position. Placeholders and
 * candidates that fail a pattern's check are left out; where two patterns
 * match the same characters only the earlier (more specific) one is kept.
 * Nothing is masked here: callers decide what to print.
 */
export function findSecrets(text: string, patterns: readonly TokenPattern[] = TOKEN_PATTERNS): SecretFinding[] {
  const lower = text.toLowerCase();
  const found: SecretFinding[] = [];
  for (const p of patterns) {
    if (!p.keywords.some((k) => lower.includes(k))) continue;
    for (const m of text.matchAll(p.regex)) {
      const span = m.indices?.[1];
      const index = span ? span[0] : m.index!;
      const secret = span ? m[1]! : m[0];
      if (isPlaceholder(secret) || (p.check && !p.check(secret))) continue;
      const end = index + secret.length;
      if (found.some((f) => index < f.index + f.length && f.index < end)) continue;
      found.push({ patternId: p.id, name: p.name, index, length: secret.length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
