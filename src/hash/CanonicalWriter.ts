import { digestHex, paddedLength } from './sha256';

/**
 * An object shape: its keys as `Object.keys` lists them and, for each key in sorted order, its place in
 * that list and the bytes written before its value — `{"key":` for the first, `,"key":` for the others —
 * so writing an object of a known shape neither sorts nor encodes a key, nor looks a value up by name.
 */
interface Shape {
  readonly keys: readonly string[];
  readonly order: readonly number[];
  readonly heads: readonly Uint8Array[];
}

/**
 * Shapes by the last key of their unsorted list (the engine's shapes share their first keys — a timeline
 * entry's `on`, `kind`, `ruleIds` — and differ at the end, so few share a last key); bounded, so
 * untrusted objects cannot grow it without end.
 */
const shapeCache = new Map<string, Shape[]>();
let cachedShapes = 0;
const MAX_CACHED_SHAPES = 1024;
const encoder = new TextEncoder();

/**
 * The shape of `value`, whose keys are `keys` (at least one). The engine writes the same few object
 * shapes over and over (a timeline entry's, a snapshot's), so each is made once: the key list is
 * compared with a cached one, string by string, which costs far less than sorting and encoding it again.
 */
function shapeOf(keys: readonly string[]): Shape {
  const n = keys.length;
  const last = keys[n - 1] as string;
  let shapes = shapeCache.get(last);
  if (shapes !== undefined) {
    for (const shape of shapes) {
      const known = shape.keys;
      if (known.length !== n) continue;
      let same = true;
      for (let i = n - 2; i >= 0; i--) {
        if (known[i] !== keys[i]) {
          same = false;
          break;
        }
      }
      if (same) return shape;
    }
  }
  const sorted = [...keys].sort();
  // JSON.stringify(key) is what the writer prints for a key (see `string`), as UTF-8.
  const heads = sorted.map((k, i) => encoder.encode(`${i === 0 ? '{' : ','}${JSON.stringify(k)}:`));
  const shape: Shape = { keys, order: sorted.map((k) => keys.indexOf(k)), heads };
  if (cachedShapes < MAX_CACHED_SHAPES) {
    if (shapes === undefined) shapeCache.set(last, (shapes = []));
    shapes.push(shape);
    cachedShapes++;
  }
  return shape;
}

/** Bytes of a string with nothing in it, ready to write. */
const LITERAL = {
  null: encoder.encode('null'),
  true: encoder.encode('true'),
  false: encoder.encode('false'),
  emptyObject: encoder.encode('{}'),
} as const;

/**
 * Writes UTF-8 text and canonical JSON (the text of `canonicalJson` in src/rules/hash.ts, byte for
 * byte) into one reused buffer and hashes it with SHA-256, without building the JSON as a string.
 * Timeline ids and snapshot checksums are SHA-256 digests of canonical JSON, a few hundred of them per
 * loan per night: building each text as a string, then encoding and hashing it character by character,
 * was a quarter of a replay's CPU time. Synchronous and never re-entered, so one instance serves a
 * module.
 */
export class CanonicalWriter {
  /** The bytes written so far are `bytes[0 … length)`. */
  bytes = new Uint8Array(1 << 14);
  length = 0;

  /** Empties the buffer (keeping its memory). */
  reset(): this {
    this.length = 0;
    return this;
  }

  /** Makes room for `more` bytes after the current length (and the digest's padding). */
  private ensure(more: number): void {
    const need = paddedLength(this.length + more);
    if (need <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** One byte below 0x80 (an ASCII character). */
  ascii(code: number): this {
    this.ensure(1);
    this.bytes[this.length++] = code;
    return this;
  }

  /** The UTF-8 bytes of `text`; a lone surrogate is written as U+FFFD, as `TextEncoder` does. */
  text(text: string): this {
    const n = text.length;
    this.ensure(n * 3);
    const b = this.bytes;
    let p = this.length;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        b[p++] = c;
        continue;
      }
      if (c < 0x800) {
        b[p++] = 0xc0 | (c >>> 6);
        b[p++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          b[p++] = 0xf0 | (cp >>> 18);
          b[p++] = 0x80 | ((cp >>> 12) & 0x3f);
          b[p++] = 0x80 | ((cp >>> 6) & 0x3f);
          b[p++] = 0x80 | (cp & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      b[p++] = 0xe0 | (c >>> 12);
      b[p++] = 0x80 | ((c >>> 6) & 0x3f);
      b[p++] = 0x80 | (c & 0x3f);
    }
    this.length = p;
    return this;
  }

  /** The canonical JSON of `value`: keys sorted, no whitespace (see `canonicalJson`). */
  json(value: unknown): this {
    this.value(value, false);
    return this;
  }

  /** The first `digits` hex digits of the SHA-256 of the bytes written (see `digestHex`); the bytes stay as they are. */
  digestHex(digits = 64): string {
    this.ensure(0);
    return digestHex(this.bytes, this.length, digits);
  }

  /** `JSON.stringify(s)`, written without building it when `s` needs no escape (nearly always). */
  private string(s: string): void {
    const n = s.length;
    this.ensure(n * 3 + 2);
    const b = this.bytes;
    const start = this.length;
    b[start] = 0x22;
    const from = start + 1;
    // Printable ASCII but a quote or a backslash (nearly every string the engine writes) is one byte
    // each, as it is: one test a character. The loop below takes over at the first other character.
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break;
      b[from + i] = c;
    }
    let p = from + i;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c === 0x22 || c === 0x5c) return this.escaped(s, start);
        b[p++] = c;
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >>> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) return this.escaped(s, start);
        b[p++] = 0xe0 | (c >>> 12);
        b[p++] = 0x80 | ((c >>> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      }
    }
    b[p++] = 0x22;
    this.length = p;
  }

  /** A string with something JSON escapes, or a surrogate: exactly what `JSON.stringify` prints for it. */
  private escaped(s: string, start: number): void {
    this.length = start;
    this.text(JSON.stringify(s));
  }

  private number(v: number): void {
    // Whole numbers below 2^31 (days, fen, counts: nearly every number in a snapshot) are written digit
    // by digit; String(v) prints them the same way (-0 as 0), and anything else goes through it.
    if ((v | 0) === v && v !== -0x80000000) {
      this.ensure(11);
      const b = this.bytes;
      let n = v;
      if (n < 0) {
        b[this.length++] = 0x2d;
        n = -n;
      }
      const digits = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
      let p = this.length + digits;
      this.length = p;
      while (n >= 10) {
        const q = (n / 10) | 0;
        b[--p] = 0x30 + n - q * 10;
        n = q;
      }
      b[--p] = 0x30 + n;
      return;
    }
    this.text(Number.isFinite(v) ? String(v) : 'null');
  }

  private literal(bytes: Uint8Array): void {
    const n = bytes.length;
    this.ensure(n);
    const b = this.bytes;
    let p = this.length;
    for (let i = 0; i < n; i++) b[p++] = bytes[i] as number;
    this.length = p;
  }

  /**
   * An object other than an array: its keys sorted, each written with its shape's ready bytes. Values
   * are read with `Object.values` (the order of `Object.keys`): looking each up by name, across the
   * dozen shapes of timeline entries, was the writer's costliest line. The key's bytes are copied here
   * and a string value (most values) is written straight away, without a call per byte array and
   * through `value`'s switch.
   */
  private object(value: object): void {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      this.literal(LITERAL.emptyObject);
      return;
    }
    const { order, heads } = shapeOf(keys);
    const values: unknown[] = Object.values(value);
    for (let i = 0; i < order.length; i++) {
      const head = heads[i] as Uint8Array;
      const n = head.length;
      this.ensure(n);
      const b = this.bytes;
      let p = this.length;
      for (let j = 0; j < n; j++) b[p++] = head[j] as number;
      this.length = p;
      const v = values[order[i] as number];
      if (typeof v === 'string') this.string(v);
      else this.value(v, false);
    }
    this.ascii(0x7d);
  }

  /**
   * An array: its items between brackets, commas between them; a string item is written straight away
   * (rule-id lists are most arrays), and what JSON cannot print is left out (see `value`).
   */
  private array(value: readonly unknown[]): void {
    this.ascii(0x5b);
    const n = value.length;
    for (let i = 0; i < n; i++) {
      if (i > 0) this.ascii(0x2c);
      const v = value[i];
      if (typeof v === 'string') this.string(v);
      else this.value(v, true);
    }
    this.ascii(0x5d);
  }

  /**
   * One value. `inArray` matters only for what JSON cannot print (undefined, a function, a symbol):
   * `canonicalJson` leaves such an array item out and prints such an object value as `undefined`.
   */
  private value(value: unknown, inArray: boolean): void {
    switch (typeof value) {
      case 'string':
        this.string(value);
        return;
      case 'number':
        this.number(value);
        return;
      case 'boolean':
        this.literal(value ? LITERAL.true : LITERAL.false);
        return;
      case 'object': {
        if (value === null) {
          this.literal(LITERAL.null);
          return;
        }
        if (Array.isArray(value)) {
          this.array(value);
          return;
        }
        this.object(value);
        return;
      }
      default: {
        // Throws for a bigint, as canonicalJson does.
        const text = JSON.stringify(value) as string | undefined;
        if (text !== undefined) this.text(text);
        else if (!inArray) this.text('undefined');
      }
    }
  }
}
