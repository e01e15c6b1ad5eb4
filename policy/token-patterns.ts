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
    const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as unknown;
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
  },
  {
    id: 'github-fine-grained',
    name: 'GitHub fine-grained token',
    keywords: ['github_pat_'],
    regex: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/g,
  },
  {
    id: 'gitlab',
    name: 'GitLab token',
    keywords: ['glpat-'],
    regex: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,80}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,9})?/g,
  },
  {
    id: 'aws-access-key-id',
    name: 'AWS access key id',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g,
  },
  {
    id: 'google-api-key',
    name: 'Google API key',
    keywords: ['aiza'],
    regex: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'slack-token',
    name: 'Slack token',
    keywords: ['xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-'],
    regex: /(?<![A-Za-z0-9_-])xox[baprs]-[0-9A-Za-z]{6,64}(?:-[0-9A-Za-z]{6,64}){1,4}/g,
  },
  {
    id: 'slack-webhook',
    name: 'Slack webhook URL',
    keywords: ['hooks.slack.com/'],
    regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{8,12}\/[AB][A-Z0-9]{8,12}\/[A-Za-z0-9]{24}/g,
  },
  {
    id: 'stripe',
    name: 'Stripe live key',
    keywords: ['sk_live_', 'rk_live_'],
    regex: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])/g,
  },
  {
    id: 'anthropic',
    name: 'Anthropic API key',
    keywords: ['sk-ant-'],
    regex: /(?<![A-Za-z0-9_-])sk-ant-[a-z]{3,8}[0-9]{2}-[A-Za-z0-9_-]{40,200}/g,
  },
  {
    id: 'openai',
    name: 'OpenAI API key',
    keywords: ['sk-'],
    regex: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}|[A-Za-z0-9]{48}(?![A-Za-z0-9_-]))/g,
  },
  {
    id: 'npm',
    name: 'npm token',
    keywords: ['npm_'],
    regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  },
  {
    id: 'pypi',
    name: 'PyPI token',
    keywords: ['pypi-ageichlwas5vcmc'],
    regex: /(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}/g,
  },
  {
    id: 'huggingface',
    name: 'Hugging Face token',
    keywords: ['hf_'],
    regex: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34}(?![A-Za-z0-9_])/g,
  },
  {
    id: 'twilio',
    name: 'Twilio API key',
    keywords: ['sk'],
    regex: /(?<![A-Za-z0-9_])SK[0-9a-fA-F]{32}(?![A-Za-z0-9_])/g,
  },
  {
    id: 'sendgrid',
    name: 'SendGrid API key',
    keywords: ['sg.'],
    regex: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'jwt',
    name: 'JSON Web Token',
    keywords: ['eyj'],
    regex: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,1024}/g,
    check: jwtHeaderOk,
  },
  {
    id: 'pem-private-key',
    name: 'PEM private key',
    keywords: ['private key'],
    // The header alone is often quoted in docs; a key has base64 after it.
    // Line breaks may be real or escaped (`\n` inside a JSON string).
    regex: /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:\\[rn]|[\r\n]){1,4}(?:[A-Za-z-]{1,40}: [^\r\n\\]{1,200}(?:\\[rn]|[\r\n]){1,4}){0,3}[A-Za-z0-9+/]{40}/g,
  },
  {
    id: 'url-credentials',
    name: 'password in a URL',
    keywords: ['://'],
    regex: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,100}:([^\s:/@]{6,200})@/dg,
    check: genericValueOk,
  },
  {
    id: 'generic-assignment',
    name: 'password or secret',
    keywords: ['password', 'passwd', 'secret', 'api_key', 'api-key', 'apikey', 'access_key', 'access-key', 'accesskey', 'token'],
    regex: /(?:password|passwd|secret|api[_-]?key|access[_-]?key|token)["']?[ \t]{0,5}[:=][ \t]{0,5}["']?([^\s"'`<>,;()[\]{}]{8,128})/dgi,
    check: genericValueOk,
  },
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
