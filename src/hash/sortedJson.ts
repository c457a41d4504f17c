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
  return text === undefined ? '' : textDigest(text);
}

/**
 * The SHA-256 (64 hex digits) of `text` followed by a newline, with the characters `[cutFrom, cutTo)` left
 * out (none by default): the text is encoded natively into a reused buffer, in two pieces around the
 * cut, so a stored snapshot's checksum member is taken out without building the shorter string.
 *
 * @example
 * ```ts
 * textDigest('{"a":1}');            // the digest of '{"a":1}\n'
 * textDigest('{"a":1,"b":2}', 1, 7); // the digest of '{"b":2}\n'
 * ```
 */
export function textDigest(text: string, cutFrom = text.length, cutTo = cutFrom): string {
  // At most 3 bytes a UTF-16 unit, the newline, and the digest's padding.
  const need = paddedLength(text.length * 3 + 1);
  if (buffer.length < need) buffer = new Uint8Array(Math.max(need, buffer.length * 2));
  let written = encoder.encodeInto(cutFrom === text.length ? text : text.slice(0, cutFrom), buffer).written;
  if (cutTo < text.length) written += encoder.encodeInto(text.slice(cutTo), buffer.subarray(written)).written;
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
