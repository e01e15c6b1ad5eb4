// Keys are generated at test time; none is committed.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { signBundle } from '../compiler/sign.ts';
import { sealBundle, serializeBundle } from '../policy/bundle-digest.ts';
import { BundleError } from '../policy/bundle-errors.ts';
import type { Bundle } from '../policy/types.ts';
import { verifyBundle, type VerifyResult } from '../policy/verify-bundle.ts';

interface Pair {
  privatePem: string;
  publicPem: string;
  publicKey: KeyObject;
  keyid: string;
}

function ed25519(): Pair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    publicKey,
    keyid: createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex'),
  };
}

const A = ed25519();
const B = ed25519();

function bundle(): Bundle {
  return sealBundle({
    format: 1,
    compiler: 'cork 0.1.0',
    sources: [{ path: '.bot-bottle/agents/reviewer.md', sha256: 'e'.repeat(64) }],
    bottles: {
      web: {
        name: 'web',
        lineage: [],
        egress: { routes: [{ host: 'api.github.com', auth: { scheme: 'Bearer', token_ref: 'GITHUB_TOKEN' }, matches: [{ methods: ['GET'] }] }] },
      },
    },
    agents: { reviewer: { name: 'reviewer', bottles: ['web'], prompt: 'Review pull requests carefully.' } },
    plugins: {},
  });
}

function code(r: VerifyResult): string {
  return r.ok ? 'ok' : r.code;
}

function thrownCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, 'an Error');
    assert.ok(e instanceof BundleError, 'a BundleError');
    return e.code;
  }
  assert.fail('expected a throw');
}

describe('signBundle', () => {
  it('adds an ed25519 signature over the digest string, keyid = sha256 of the SPKI DER', () => {
    const b = bundle();
    const s = signBundle(b, A.privatePem);
    assert.equal(s.digest, b.digest, 'signing does not change the digest');
    assert.equal(b.signatures, undefined, 'the input is not modified');
    assert.equal(s.signatures?.length, 1);
    const sig = s.signatures![0]!;
    assert.equal(sig.alg, 'ed25519');
    assert.equal(sig.keyid, A.keyid);
    assert.ok(cryptoVerify(null, Buffer.from(b.digest), A.publicKey, Buffer.from(sig.sig, 'base64')));
  });

  it('is deterministic, and re-signing with the same key replaces its signature', () => {
    const once = signBundle(bundle(), A.privatePem);
    const twice = signBundle(once, A.privatePem);
    assert.equal(twice.signatures?.length, 1);
    assert.equal(serializeBundle(twice), serializeBundle(once));
  });

  it('keeps several keys’ signatures sorted by keyid, each verifiable', () => {
    const ab = signBundle(signBundle(bundle(), A.privatePem), B.privatePem);
    const ba = signBundle(signBundle(bundle(), B.privatePem), A.privatePem);
    assert.deepEqual(
      ab.signatures!.map((s) => s.keyid),
      [A.keyid, B.keyid].sort(),
    );
    assert.equal(serializeBundle(ab), serializeBundle(ba));
    const text = serializeBundle(ab);
    for (const k of [A, B]) {
      const r = verifyBundle(text, { verifyKeyPem: k.publicPem });
      assert.ok(r.ok && r.keyid === k.keyid, JSON.stringify(r));
    }
  });

  it('refuses a key that is not an Ed25519 private key with CORK_BAD_KEY', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const b = bundle();
    assert.equal(thrownCode(() => signBundle(b, ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)), 'CORK_BAD_KEY');
    assert.equal(thrownCode(() => signBundle(b, ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string)), 'CORK_BAD_KEY');
    assert.equal(thrownCode(() => signBundle(b, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)), 'CORK_BAD_KEY');
    assert.equal(thrownCode(() => signBundle(b, A.publicPem)), 'CORK_BAD_KEY');
    assert.equal(thrownCode(() => signBundle(b, 'not a key')), 'CORK_BAD_KEY');
    assert.equal(thrownCode(() => signBundle(b, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')), 'CORK_BAD_KEY');
    const encrypted = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
    assert.equal(thrownCode(() => signBundle(b, encrypted)), 'CORK_BAD_KEY');
    assert.throws(() => signBundle(b, ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string), /not an Ed25519 key \(its type is ec\)/);
    assert.throws(() => signBundle(b, A.publicPem), /public key/);
    assert.throws(() => signBundle(b, encrypted), /passphrase/);
  });

  it('refuses to sign a bundle changed after it was sealed', () => {
    const b = bundle();
    b.compiler = 'edited';
    assert.equal(thrownCode(() => signBundle(b, A.privatePem)), 'CORK_BUNDLE_DIGEST_MISMATCH');
  });
});

describe('verifyBundle signatures', () => {
  const signed = serializeBundle(signBundle(bundle(), A.privatePem));
  const unsigned = serializeBundle(bundle());

  it('verifies with the signer’s public key', () => {
    const r = verifyBundle(signed, { verifyKeyPem: A.publicPem });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.signed, true);
    assert.equal(r.keyid, A.keyid);
  });

  it('verifies with the signer’s private key (public half derived)', () => {
    const r = verifyBundle(signed, { verifyKeyPem: A.privatePem });
    assert.ok(r.ok && r.keyid === A.keyid, JSON.stringify(r));
  });

  it('fails with another key, even with skipVerify', () => {
    assert.equal(code(verifyBundle(signed, { verifyKeyPem: B.publicPem })), 'CORK_BUNDLE_SIGNATURE_INVALID');
    assert.equal(code(verifyBundle(signed, { verifyKeyPem: B.publicPem, skipVerify: true })), 'CORK_BUNDLE_SIGNATURE_INVALID');
  });

  it('refuses an unsigned bundle when a key is given', () => {
    assert.equal(code(verifyBundle(unsigned, { verifyKeyPem: A.publicPem })), 'CORK_BUNDLE_UNSIGNED');
  });

  it('refuses a signed bundle without a key unless skipVerify', () => {
    const r = verifyBundle(signed, {});
    assert.ok(!r.ok);
    assert.equal(r.code, 'CORK_BUNDLE_SIGNED_NO_KEY');
    assert.equal(r.message, "bundle is signed but no --verify-key was given; pass the signer's public key, or --skip-verify to accept it unchecked");
    const skipped = verifyBundle(signed, { skipVerify: true });
    assert.ok(skipped.ok);
    assert.equal(skipped.signed, true);
    assert.equal(skipped.keyid, undefined);
  });

  it('accepts an unsigned bundle without a key', () => {
    const r = verifyBundle(unsigned, {});
    assert.ok(r.ok && r.signed === false);
  });

  it('reports a bad verify key as CORK_BAD_KEY without throwing', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.equal(code(verifyBundle(signed, { verifyKeyPem: ec.publicKey.export({ type: 'spki', format: 'pem' }) as string })), 'CORK_BAD_KEY');
    assert.equal(code(verifyBundle(signed, { verifyKeyPem: 'garbage' })), 'CORK_BAD_KEY');
    assert.equal(code(verifyBundle(signed, { verifyKeyPem: '' })), 'CORK_BAD_KEY');
  });

  describe('tampering with one byte of a signed bundle', () => {
    const at = (needle: string, skip = 0): number => {
      const i = signed.indexOf(needle);
      assert.ok(i >= 0, `fixture contains ${needle}`);
      return i + skip;
    };
    const flip = (i: number, to?: string): string => {
      const ch = to ?? String.fromCharCode(signed.charCodeAt(i) ^ 1);
      return signed.slice(0, i) + ch + signed.slice(i + 1);
    };
    const sig = JSON.parse(signed).signatures[0].sig as string;

    const cases: [string, number, string | undefined, string][] = [
      ['inside a string value (the prompt)', at('Review pull'), undefined, 'CORK_BUNDLE_DIGEST_MISMATCH'],
      ['inside a string value (a host name)', at('api.github.com', 4), undefined, 'CORK_BUNDLE_DIGEST_MISMATCH'],
      ['inside the digest (first hex)', at('"digest":"', 10), undefined, 'CORK_BUNDLE_DIGEST_MISMATCH'],
      ['inside the digest (last hex)', at('"digest":"', 10 + 63), undefined, 'CORK_BUNDLE_DIGEST_MISMATCH'],
      ['inside the signature', at(sig, 10), undefined, 'CORK_BUNDLE_SIGNATURE_INVALID'],
      ['inside the keyid', at('"keyid":"', 9 + 5), undefined, 'CORK_BUNDLE_SIGNATURE_INVALID'],
      ['inside the alg', at('"alg":"ed25519"', 7), 'E', 'CORK_BUNDLE_SIGNATURE_INVALID'],
      ['a key name, changing key order', at('"agents"', 1), 'z', 'CORK_BUNDLE_NOT_CANONICAL'],
      ['a structural character', at('{'), '[', 'CORK_BUNDLE_NOT_JSON'],
      ['a method in a route', at('"GET"', 1), 'P', 'CORK_BUNDLE_DIGEST_MISMATCH'],
      ['the format number', at('"format":1', 9), '2', 'CORK_BUNDLE_FORMAT_UNSUPPORTED'],
      ['the trailing newline', signed.length - 1, ' ', 'CORK_BUNDLE_NOT_CANONICAL'],
    ];
    for (const [name, i, to, expected] of cases) {
      it(`${name} → ${expected}`, () => {
        const tampered = flip(i, to);
        assert.notEqual(tampered, signed);
        assert.equal(code(verifyBundle(tampered, { verifyKeyPem: A.publicPem })), expected);
      });
    }

    it('in the unused low bits of the base64 signature (decodes to the same bytes) → CORK_BUNDLE_SIGNATURE_INVALID', () => {
      // 64 bytes = 86 base64 digits + "==": the last digit carries 2 bits, 4 are padding.
      const last = sig.length - 3;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const twin = alphabet[alphabet.indexOf(sig[last]!) ^ 1]!;
      const sig2 = sig.slice(0, last) + twin + sig.slice(last + 1);
      assert.deepEqual(Buffer.from(sig2, 'base64'), Buffer.from(sig, 'base64'), 'Node decodes both the same');
      const tampered = signed.replace(sig, sig2);
      assert.equal(code(verifyBundle(tampered, { verifyKeyPem: A.publicPem })), 'CORK_BUNDLE_SIGNATURE_INVALID');
    });

    it('at every offset is refused', () => {
      assert.equal(code(verifyBundle(signed, { verifyKeyPem: A.publicPem })), 'ok');
      for (let i = 0; i < signed.length; i++) {
        const r = verifyBundle(flip(i), { verifyKeyPem: A.publicPem });
        assert.ok(!r.ok, `flipping offset ${i} (${JSON.stringify(signed[i])}) was accepted`);
      }
    });
  });
});
