/**
 * SHA-256 (FIPS 180-4) in plain TypeScript over the UTF-8 bytes of a string, so the core hashes packs
 * and draws samples the same way in Node, a browser or an edge runtime, without `node:crypto`.
 * Section numbers below are those of FIPS 180-4.
 */

/** §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = Int32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);

/** §5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** Longer strings are encoded natively (`TextEncoder`, in every runtime postloan targets) and hashed from bytes. */
const NATIVE_FROM = 64;
const encoder = new TextEncoder();
/** Reused across digests (hashing is synchronous and never re-entered); grown on demand. */
let scratch = new Uint8Array(1 << 14);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * An incremental SHA-256: `update` with any number of strings, then `hex` once. Lone UTF-16 surrogates
 * are encoded as U+FFFD, as `TextEncoder` and Node's `Buffer` do, so the digest equals theirs for every
 * string.
 */
export class Sha256 {
  private readonly h = Int32Array.from(INITIAL);
  private readonly block = new Uint8Array(64);
  private readonly w = new Int32Array(64);
  private fill = 0;
  /** Message length in bytes; exact as a double far beyond any input this library accepts. */
  private length = 0;
  private done = false;

  /** Starts over, so one instance (and its buffers) serves many digests. */
  reset(): this {
    this.h.set(INITIAL);
    this.fill = 0;
    this.length = 0;
    this.done = false;
    return this;
  }

  /** Appends the UTF-8 bytes of `text`. */
  update(text: string): this {
    if (this.done) throw new Error('Sha256: update after hex');
    const n = text.length;
    // A snapshot checksum hashes ≈ 10 KiB of canonical JSON: the native encoder and whole-block
    // compression from its bytes are several times faster than the loop below, character by character.
    // TextEncoder also writes a lone surrogate as U+FFFD, as the loop does.
    if (n >= NATIVE_FROM) {
      if (scratch.length < n * 3) scratch = new Uint8Array(n * 3);
      this.absorb(scratch, encoder.encodeInto(text, scratch).written);
      return this;
    }
    const block = this.block;
    // ASCII, nearly all of what postloan hashes, is written straight into the block; other characters
    // go through byte(), which keeps `fill` and `length` on the instance.
    let fill = this.fill;
    let ascii = 0;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        block[fill++] = c;
        ascii++;
        if (fill === 64) {
          this.compress();
          fill = 0;
        }
        continue;
      }
      this.fill = fill;
      if (c < 0x800) {
        this.byte(0xc0 | (c >>> 6));
        this.byte(0x80 | (c & 0x3f));
      } else {
        let astral = false;
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
          const d = text.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            i++;
            astral = true;
            const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            this.byte(0xf0 | (cp >>> 18));
            this.byte(0x80 | ((cp >>> 12) & 0x3f));
            this.byte(0x80 | ((cp >>> 6) & 0x3f));
            this.byte(0x80 | (cp & 0x3f));
          }
        }
        if (!astral) {
          if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
          this.byte(0xe0 | (c >>> 12));
          this.byte(0x80 | ((c >>> 6) & 0x3f));
          this.byte(0x80 | (c & 0x3f));
        }
      }
      fill = this.fill;
    }
    this.fill = fill;
    this.length += ascii;
    return this;
  }

  /** Pads the message (§5.1.1), hashes the last block and returns the digest as 64 lowercase hex digits. */
  hex(): string {
    if (this.done) throw new Error('Sha256: hex called twice');
    this.done = true;
    const bits = this.length * 8;
    this.byte(0x80);
    while (this.fill !== 56) this.byte(0);
    const high = Math.floor(bits / 0x100000000);
    const low = bits >>> 0;
    this.byte(high >>> 24);
    this.byte((high >>> 16) & 0xff);
    this.byte((high >>> 8) & 0xff);
    this.byte(high & 0xff);
    this.byte(low >>> 24);
    this.byte((low >>> 16) & 0xff);
    this.byte((low >>> 8) & 0xff);
    this.byte(low & 0xff);
    let out = '';
    for (const word of this.h) {
      out += HEX[(word >>> 24) & 0xff]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
    }
    return out;
  }

  /** Appends `count` bytes of `src`: whole blocks are compressed straight from it. */
  private absorb(src: Uint8Array, count: number): void {
    let i = 0;
    const block = this.block;
    if (this.fill > 0) {
      const take = Math.min(64 - this.fill, count);
      block.set(src.subarray(0, take), this.fill);
      this.fill += take;
      i = take;
      if (this.fill === 64) {
        this.compress();
        this.fill = 0;
      }
    }
    for (; count - i >= 64; i += 64) this.compress(src, i);
    if (i < count) {
      block.set(src.subarray(i, count), 0);
      this.fill = count - i;
    }
    this.length += count;
  }

  private byte(b: number): void {
    this.block[this.fill++] = b;
    this.length++;
    if (this.fill === 64) {
      this.compress();
      this.fill = 0;
    }
  }

  private compress(m: Uint8Array = this.block, at = 0): void {
    compress(this.h, this.w, m, at);
  }
}

/** §6.2.2: one 512-bit block of `m` at `at` into the state `h`; `w` is the message schedule's storage. */
function compress(h: Int32Array, w: Int32Array, m: Uint8Array, at: number): void {
  for (let t = 0; t < 16; t++) {
    const j = at + t * 4;
    w[t] = (m[j]! << 24) | (m[j + 1]! << 16) | (m[j + 2]! << 8) | m[j + 3]!;
  }
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let t = 0; t < 64; t++) {
    const sigma1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    // Ch and Maj in their three-operation forms (FIPS 180-4 §4.1.2 allows any equivalent expression).
    const t1 = (hh + sigma1 + (g ^ (e & (f ^ g))) + K[t]! + w[t]!) | 0;
    const sigma0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (sigma0 + ((a & b) | (c & (a | b)))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
}

/** How many bytes {@link sha256Words} needs in its buffer for a message of `length` bytes: the message and its padding. */
export function paddedLength(length: number): number {
  return (length + 72) & ~63;
}

const oneShotW = new Int32Array(64);

/**
 * SHA-256 of the first `length` bytes of `bytes`, in one pass and without copying: the padding (§5.1.1)
 * is written in place after the message, so `bytes` must hold {@link paddedLength}(length) bytes (what
 * follows the message is overwritten). The digest's eight words go to `out`.
 */
export function sha256Words(bytes: Uint8Array, length: number, out: Int32Array): void {
  const end = paddedLength(length);
  bytes[length] = 0x80;
  bytes.fill(0, length + 1, end - 8);
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  bytes[end - 8] = high >>> 24;
  bytes[end - 7] = (high >>> 16) & 0xff;
  bytes[end - 6] = (high >>> 8) & 0xff;
  bytes[end - 5] = high & 0xff;
  bytes[end - 4] = low >>> 24;
  bytes[end - 3] = (low >>> 16) & 0xff;
  bytes[end - 2] = (low >>> 8) & 0xff;
  bytes[end - 1] = low & 0xff;
  out.set(INITIAL);
  for (let at = 0; at < end; at += 64) compress(out, oneShotW, bytes, at);
}

/**
 * A host's own SHA-256: the digest of exactly the bytes given, as its 32 bytes (e.g. Node's
 * `crypto.hash('sha256', bytes, 'buffer')`) or as its 64 lowercase hex digits (e.g.
 * `crypto.hash('sha256', bytes, 'hex')`, which costs Node about half as much: no Buffer to allocate, and
 * ids and checksums are hex anyway).
 */
export type HostSha256 = (bytes: Uint8Array) => ArrayLike<number> | string;

let host: HostSha256 | undefined;

/** Inputs a host's SHA-256 must agree on before it is used: empty, one block, around the padding boundary, and several blocks. */
const PROBES = [0, 3, 55, 56, 64, 119, 1000].map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 167 + n) & 0xff));

/**
 * Hashes timeline ids and snapshot checksums with the host's SHA-256 instead of the plain TypeScript one:
 * native SHA-256 is several times faster, and the digests are the same (the host function is checked
 * against the built-in one on a few inputs first, and refused if it disagrees). Pass `undefined` to go
 * back to the built-in one. Applies to the whole module instance, as the choice of CPU does: it changes
 * how fast ids and checksums are computed, never what they are. The postloan CLI, `postloan batch`'s
 * workers and the PostgreSQL store use Node's.
 *
 * @example
 * ```ts
 * import { hash } from 'node:crypto';
 * useHostSha256((bytes) => hash('sha256', bytes, 'hex'));
 * ```
 */
export function useHostSha256(digest: HostSha256 | undefined): void {
  if (digest !== undefined) {
    const mine = new Int32Array(8);
    for (const probe of PROBES) {
      const padded = new Uint8Array(paddedLength(probe.length));
      padded.set(probe);
      sha256Words(padded, probe.length, mine);
      if (hostHex(digest(probe.slice()), 64) !== wordsHex(mine)) throw new Error(`useHostSha256: the given function is not SHA-256 (it disagrees on ${probe.length} bytes)`);
    }
  }
  host = digest;
}

/** The first `digits` hex digits of a host's digest: of its hex text as given (a wrong one fails the probes), or of its bytes. */
function hostHex(d: ArrayLike<number> | string, digits: number): string {
  if (typeof d === 'string') return digits === 64 ? d : d.slice(0, digits);
  if (d.length !== 32) throw new Error(`useHostSha256: the given function returned ${d.length} bytes, not 32`);
  let out = '';
  for (let i = 0; i * 2 < digits; i++) out += HEX[(d[i] as number) & 0xff]!;
  return digits % 2 === 0 ? out : out.slice(0, digits);
}

const digestWords = new Int32Array(8);

/** Views of the first n bytes of `viewsOf`, by n: one buffer is hashed over and over (a writer's), at a few hundred lengths. */
let viewsOf: Uint8Array | undefined;
let views: (Uint8Array | undefined)[] = [];
/** Lengths above this get a new view each time, so the cache stays small. */
const MAX_VIEW = 4096;

/**
 * `bytes.subarray(0, length)`, kept for the next digest of the same buffer at the same length: a
 * timeline id is a native SHA-256 of a ≈ 250-byte view of the writer's buffer, and allocating the view
 * was ≈ a tenth of the call. The views alias `bytes`, as a fresh subarray does.
 */
function viewOf(bytes: Uint8Array, length: number): Uint8Array {
  if (length > MAX_VIEW) return bytes.subarray(0, length);
  if (viewsOf !== bytes) {
    viewsOf = bytes;
    views = [];
  }
  let view = views[length];
  if (view === undefined) views[length] = view = bytes.subarray(0, length);
  return view;
}

/**
 * The first `digits` hex digits (at most 64) of the SHA-256 of the first `length` bytes of `bytes`: the
 * host's (see {@link useHostSha256}) when one is set, else {@link sha256Words} (so `bytes` must hold
 * {@link paddedLength}(length) bytes).
 */
export function digestHex(bytes: Uint8Array, length: number, digits = 64): string {
  if (host !== undefined) return hostHex(host(viewOf(bytes, length)), digits);
  sha256Words(bytes, length, digestWords);
  return wordsHex(digestWords, digits);
}

/** The first `digits` hex digits (at most 64) of a digest's words, lowercase. */
export function wordsHex(words: Int32Array, digits = 64): string {
  let out = '';
  for (let i = 0; i * 8 < digits; i++) {
    const word = words[i]!;
    out += HEX[(word >>> 24) & 0xff]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
  }
  return digits % 8 === 0 ? out : out.slice(0, digits);
}

/**
 * Hex SHA-256 of the UTF-8 bytes of `text`; the same digest as
 * `createHash('sha256').update(text, 'utf8').digest('hex')` in Node.
 *
 * @example
 * ```ts
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function sha256Hex(text: string): string {
  // Sampling hashes one short key per loan: reusing one instance saves three typed-array allocations a
  // call (≈ half the cost). Safe because hashing is synchronous and never re-entered.
  return shared.reset().update(text).hex();
}

const shared = new Sha256();
