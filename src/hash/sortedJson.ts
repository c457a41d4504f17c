import { digestHex, paddedLength } from './sha256';

/**
 * Whether `JSON.stringify(value)` is, character for character, the canonical JSON of `value` (the text of
 * `canonicalJson` in src/rules/hash.ts: object keys sorted by UTF-16 code units, no whitespace). It is
 * when every object's own enumerable keys already come in sorted order and every value is plain JSON:
 * a string, a number (both print a non-finite one as `null` and -0 as `0`), a boolean, null, an array
 * without holes, or an object of Object's prototype (or none) — so no `toJSON`, no boxed primitive, no
 * `undefined`, function or symbol, which the two print differently. The walk reads each key and value
 * once and writes nothing: it costs a fraction of writing the canonical text.
 *
 * An object with integer-like keys ("10", "9") lists them first, in numeric order, whatever order they
 * were set in; when that order is not the sorted one the walk says so and the caller writes canonically.
 */
export function isSortedPlainJson(value: unknown): boolean {
  // A `toJSON` inherited by every object or array would change what JSON.stringify prints.
  if ('toJSON' in Object.prototype || 'toJSON' in Array.prototype) return false;
  return plain(value);
}

function plain(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      return value === null || (Array.isArray(value) ? plainArray(value) : plainObject(value));
    default:
      return false;
  }
}

function plainArray(a: readonly unknown[]): boolean {
  if (Object.getPrototypeOf(a) !== Array.prototype) return false;
  for (let i = 0; i < a.length; i++) {
    const item = a[i];
    // Numbers first: most of a snapshot is arrays of them (a hole reads as undefined and is refused).
    if (typeof item !== 'number' && !plain(item)) return false;
  }
  return true;
}

function plainObject(o: object): boolean {
  const proto = Object.getPrototypeOf(o) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(o);
  const values: unknown[] = Object.values(o);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !((keys[i - 1] as string) < (keys[i] as string))) return false;
    const v = values[i];
    if (typeof v !== 'number' && !plain(v)) return false;
  }
  return true;
}

const encoder = new TextEncoder();
/** Reused across digests (hashing is synchronous and never re-entered); grown on demand. */
let buffer = new Uint8Array(1 << 15);

/**
 * The SHA-256 (64 hex digits) of the canonical JSON of `value` followed by a newline — the digest
 * `contentHash([value])` takes — computed from the native `JSON.stringify(value)` when
 * {@link isSortedPlainJson} shows the two texts are the same, else `undefined` (the caller writes the
 * canonical text itself). Values built with their keys in sorted order, as the engine builds its
 * snapshots, take the native path: stringifying and encoding natively costs a fraction of the canonical
 * writer's loop, character by character.
 *
 * @example
 * ```ts
 * sortedJsonDigest({ a: 1, b: [2, 3] }); // the digest of '{"a":1,"b":[2,3]}\n'
 * sortedJsonDigest({ b: 1, a: 2 });      // undefined: not in canonical key order
 * ```
 */
export function sortedJsonDigest(value: unknown): string | undefined {
  if (!isSortedPlainJson(value)) return undefined;
  const text = JSON.stringify(value);
  // At most 3 bytes a UTF-16 unit, the newline, and the digest's padding.
  const need = paddedLength(text.length * 3 + 1);
  if (buffer.length < need) buffer = new Uint8Array(Math.max(need, buffer.length * 2));
  const { written } = encoder.encodeInto(text, buffer);
  buffer[written] = 0x0a;
  return digestHex(buffer, written + 1);
}

/**
 * A shallow copy of `o` with its keys in sorted order (integer-like keys aside, which every object lists
 * first): for the objects of a snapshot the engine copies rather than builds key by key.
 *
 * @example
 * ```ts
 * Object.keys(withSortedKeys({ on: 1, end: 2 })); // ['end', 'on']
 * ```
 */
export function withSortedKeys<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) out[k] = (o as Record<string, unknown>)[k];
  return out as T;
}
