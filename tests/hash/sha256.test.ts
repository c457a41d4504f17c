import { createHash, hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestHex, paddedLength, Sha256, sha256Hex, sha256Words, useHostSha256, wordsHex } from '../../src/hash/sha256';

/** Digests published by NIST for SHA-256 (FIPS 180-4 examples and the "one million a" long message). */
const NIST_VECTORS: readonly (readonly [string, string])[] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  [
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
  ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
];

function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('sha256Hex', () => {
  it.each(NIST_VECTORS.map(([input, digest]) => ({ name: input.length > 40 ? `${input.slice(0, 12)}… (${input.length} chars)` : JSON.stringify(input), input, digest })))(
    'NIST vector $name',
    ({ input, digest }) => {
      expect(sha256Hex(input)).toBe(digest);
    },
  );

  it('pads correctly at every length around the 55/56/64-byte block boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'x'.repeat(n);
      expect(sha256Hex(text), `length ${n}`).toBe(nodeSha256(text));
    }
  });

  it('equals node:crypto over random strings, including non-ASCII, astral characters and lone surrogates', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ maxLength: 300 })), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('hashes the UTF-8 bytes: 贷后管理 and an emoji', () => {
    expect(sha256Hex('贷后管理')).toBe(nodeSha256('贷后管理'));
    expect(sha256Hex('😀')).toBe(nodeSha256('😀'));
    // A lone high surrogate becomes U+FFFD (EF BF BD), as in TextEncoder.
    expect(sha256Hex('\ud800')).toBe(nodeSha256('\ufffd'));
  });

  it('updating in pieces gives the digest of the concatenation', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 90 }), { maxLength: 8 }), (parts) => {
        const h = new Sha256();
        for (const p of parts) h.update(p);
        expect(h.hex()).toBe(nodeSha256(parts.join('')));
      }),
    );
  });

  it('mixes short pieces (hashed character by character) and long ones (encoded natively) at any block offset', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 70 }), fc.string({ unit: 'binary', minLength: 60, maxLength: 400 }), fc.string({ unit: 'grapheme', minLength: 30, maxLength: 200 })), { maxLength: 8 }), (parts) => {
        const h = new Sha256();
        for (const p of parts) h.update(p);
        expect(h.hex()).toBe(nodeSha256(parts.join('')));
      }),
      { numRuns: 1000 },
    );
    // A long text with lone surrogates: U+FFFD each, as in the character loop.
    const odd = `${'a'.repeat(70)}\ud800b\udc00${'é'.repeat(40)}`;
    expect(sha256Hex(odd)).toBe(nodeSha256(odd.replace(/[\ud800-\udfff]/g, '\ufffd')));
  });

  it('refuses to be used after the digest is taken', () => {
    const h = new Sha256().update('abc');
    h.hex();
    expect(() => h.update('d')).toThrow(/after hex/);
    expect(() => h.hex()).toThrow(/twice/);
  });
});

describe('sha256Words (one pass over a byte buffer, padded in place)', () => {
  it('equals node:crypto at every length up to 300 bytes, whatever the buffer held after the message', () => {
    const out = new Int32Array(8);
    for (let n = 0; n <= 300; n++) {
      const message = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      const buffer = new Uint8Array(paddedLength(n)).fill(0xaa);
      buffer.set(message);
      sha256Words(buffer, n, out);
      expect(wordsHex(out), `length ${n}`).toBe(createHash('sha256').update(message).digest('hex'));
      expect(wordsHex(out, 40)).toBe(wordsHex(out).slice(0, 40));
    }
  });
});

describe('useHostSha256', () => {
  const nodeHash = (bytes: Uint8Array) => hash('sha256', bytes, 'buffer');
  const nodeHex = (bytes: Uint8Array) => hash('sha256', bytes, 'hex');

  it('a host SHA-256, giving bytes or hex, gives the digests of the built-in one, in full or cut to an id', () => {
    const message = new TextEncoder().encode('贷后管理 😀 timeline');
    const buffer = new Uint8Array(paddedLength(message.length));
    buffer.set(message);
    const builtIn = digestHex(buffer, message.length);
    expect(builtIn).toBe(createHash('sha256').update(message).digest('hex'));
    for (const host of [nodeHash, nodeHex]) {
      useHostSha256(host);
      try {
        expect(digestHex(buffer, message.length)).toBe(builtIn);
        for (const digits of [40, 39, 1]) expect(digestHex(buffer, message.length, digits)).toBe(builtIn.slice(0, digits));
      } finally {
        useHostSha256(undefined);
      }
    }
    for (const digits of [40, 39, 1]) expect(digestHex(buffer, message.length, digits)).toBe(builtIn.slice(0, digits));
  });

  it('a host is handed the bytes written now, whatever it was handed before: same buffer and length, another buffer, a grown one', () => {
    // The views of a buffer are kept by length (issue 14): each digest must still see the current bytes.
    useHostSha256(nodeHex);
    try {
      const a = new Uint8Array(paddedLength(300));
      const b = new Uint8Array(paddedLength(300));
      const expected = (bytes: Uint8Array, n: number) => createHash('sha256').update(bytes.subarray(0, n)).digest('hex');
      for (let round = 0; round < 3; round++) {
        for (const buffer of [a, b]) {
          for (let n = 0; n <= 200; n += 7) {
            buffer.fill(round * 31 + n, 0, n);
            expect(digestHex(buffer, n)).toBe(expected(buffer, n));
          }
        }
      }
      const big = new Uint8Array(paddedLength(5_000)).fill(7);
      expect(digestHex(big, 5_000)).toBe(expected(big, 5_000));
      expect(digestHex(big, 100)).toBe(expected(big, 100));
    } finally {
      useHostSha256(undefined);
    }
  });

  it('refuses a function that is not SHA-256, returns the wrong length or upper-case hex, and keeps the built-in one', () => {
    expect(() => useHostSha256((bytes) => hash('sha512', bytes, 'buffer'))).toThrow(/returned 64 bytes, not 32/);
    expect(() => useHostSha256((bytes) => hash('sha256', Buffer.concat([Buffer.from(bytes), Buffer.from('x')]), 'buffer'))).toThrow(/not SHA-256/);
    expect(() => useHostSha256((bytes) => hash('sha256', bytes, 'hex').toUpperCase())).toThrow(/not SHA-256/);
    expect(() => useHostSha256((bytes) => hash('sha256', bytes, 'base64'))).toThrow(/not SHA-256/);
    const buffer = new Uint8Array(64);
    expect(digestHex(buffer, 0)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
