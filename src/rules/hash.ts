import { CanonicalWriter } from '../hash/CanonicalWriter';

/** Strings JSON.stringify would print unchanged between quotes: no quote, backslash, control character or surrogate. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** `JSON.stringify(s)`, without its cost for the plain keys and values snapshots are made of. */
function quote(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

/**
 * JSON with object keys sorted, so the hash does not depend on key order or whitespace. Written with
 * loops and string appends rather than map/join: snapshots are checksummed with it twice a loan a night.
 * Its text is fixed by the hashes already stored — an `undefined` object value prints as `undefined`, an
 * `undefined` array item as nothing — and tests/rules/hash.test.ts holds it to the original definition.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const item = canonicalJson(value[i]) as string | undefined;
          if (item !== undefined) out += item;
        }
        return `${out}]`;
      }
      const keys = Object.keys(value).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        if (i > 0) out += ',';
        out += `${quote(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`;
      }
      return `${out}}`;
    }
    default:
      return JSON.stringify(value);
  }
}

const writer = new CanonicalWriter();

/**
 * `sha256:<hex>` of the canonical JSON of the given documents, in order, each followed by a newline.
 * The JSON is written as bytes straight into a reused buffer (CanonicalWriter), never built as a string.
 */
export function contentHash(documents: readonly unknown[]): string {
  writer.reset();
  for (const d of documents) writer.json(d).ascii(0x0a);
  return `sha256:${writer.digestHex()}`;
}
