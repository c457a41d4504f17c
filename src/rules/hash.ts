import { Sha256 } from '../hash/sha256';

/** JSON with object keys sorted, so the hash does not depend on key order or whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `sha256:<hex>` of the canonical JSON of the given documents, in order. */
export function contentHash(documents: readonly unknown[]): string {
  const h = new Sha256();
  for (const d of documents) {
    h.update(canonicalJson(d));
    h.update('\n');
  }
  return `sha256:${h.hex()}`;
}
