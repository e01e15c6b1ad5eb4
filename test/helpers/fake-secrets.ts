// Obviously fake credentials in each format the token table knows, built at
// run time so no file in the repo holds anything shaped like a credential.
// Runs of '0' and the word FAKE keep them recognisable; GitHub's checksum is
// computed with node:zlib, independently of the implementation under test.
import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const z = (n: number) => '0'.repeat(n);

function base62(n: number, width: number): string {
  let s = '';
  do {
    s = BASE62[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}

/** A GitHub 2021-format token with a correct CRC-32 checksum. */
export function fakeGithubToken(prefix = 'ghp', body30 = `FAKE${z(26)}`): string {
  return `${prefix}_${body30}${base62(crc32(body30), 6)}`;
}

const b64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

export const FAKE: Readonly<Record<string, string>> = {
  'github-classic': fakeGithubToken(),
  'github-fine-grained': `github_pat_11FAKE${z(16)}_FAKE${z(55)}`,
  gitlab: `glpat-FAKE${z(16)}`,
  'aws-access-key-id': `AKIAFAKE${'2'.repeat(12)}`,
  'google-api-key': `AIzaFAKE${z(31)}`,
  'slack-token': `xoxb-${z(12)}-${z(13)}-FAKE${z(20)}`,
  'slack-webhook': `https://hooks.slack.com/services/T${z(8)}/B${z(8)}/FAKE${z(20)}`,
  stripe: `sk_live_FAKE${z(20)}`,
  anthropic: `sk-ant-api03-FAKE${z(80)}`,
  openai: `sk-proj-FAKE${z(60)}`,
  npm: `npm_FAKE${z(32)}`,
  pypi: `pypi-AgEIcHlwaS5vcmcFAKE${z(60)}`,
  huggingface: `hf_FAKE${z(30)}`,
  twilio: `SK${z(32)}`,
  sendgrid: `SG.FAKE${z(18)}.FAKE${z(39)}`,
  jwt: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'FAKE' })}.FAKE${z(28)}`,
  // Split so the header never appears whole in the source.
  'pem-private-key': `-----BEGIN RSA ${'PRIVATE'} KEY-----\nFAKE${z(60)}\n-----END RSA ${'PRIVATE'} KEY-----`,
  'url-credentials': 'postgres://app:FAKE0pass9word@db.internal:5432/app',
  'generic-assignment': 'DB_PASSWORD=Fake-0123-pass!',
};

/** The secret part of a sample, as findSecrets reports it (the value, for assignment-style patterns). */
export const FAKE_SECRET_PART: Readonly<Record<string, string>> = {
  'url-credentials': 'FAKE0pass9word',
  'generic-assignment': 'Fake-0123-pass!',
};
