import { digestHex, paddedLength } from './sha256';

const encoder = new TextEncoder();
/** Reused across digests (hashing is synchronous and never re-entered); grown on demand. */
let buffer = new Uint8Array(1 << 15);

/**
 * The SHA-256 (64 hex digits) of `JSON.stringify(value)` followed by a newline, the text encoded
 * natively into a reused buffer: for a value whose every object has its keys in sorted order and that
 * holds nothing but JSON (as `JSON.parse` returns it), the digest `contentHash([value])` takes of its
 * canonical JSON, at a fraction of the canonical writer's cost. For any other value it is simply another
 * digest: callers use it where a mismatch only sends them to the canonical path (see restoreSnapshot).
 *
 * @example
 * ```ts
 * jsonTextDigest({ a: 1, b: [2, 3] }); // the digest of '{"a":1,"b":[2,3]}\n'
 * ```
 */
export function jsonTextDigest(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) return '';
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
