import { textDigest } from '../hash/sortedJson';

// A snapshot's JSON text: made once when the snapshot is sealed, kept for the caller who stores it, and
// read back by a restore that verifies the checksum on the stored text itself.

/** The text each snapshot was sealed with, by the snapshot object makeSnapshot returned. */
const texts = new WeakMap<object, string>();

/**
 * Whether `JSON.stringify(value)` is the canonical JSON `contentHash` writes for it, for a value the
 * engine does not build itself (the contract's `attributes`, which keep the lender's order, decision
 * 363): strings, numbers, booleans and null; arrays without holes or undefined items; plain objects
 * (no prototype but Object's or none, no `toJSON`) whose keys `Object.keys` lists in sorted order (by
 * UTF-16 code units) — an integer-like key is listed first, in numeric order, so a key list with one
 * is accepted only when that order is the sorted one too — and whose values are such values.
 * Anything else (unsorted keys, `undefined`, a function, a Date) answers false: sealed by the
 * canonical writer.
 */
export function isCanonicalJsonValue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isCanonicalJsonValue(value[i])) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      const o = value as Readonly<Record<string, unknown>>;
      if (typeof o['toJSON'] === 'function') return false;
      const keys = Object.keys(o);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        if (i > 0 && !((keys[i - 1] as string) < k)) return false;
        if (!isCanonicalJsonValue(o[k])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** The content of a snapshot as makeSnapshot builds it: every key but `checksum`, in sorted order. */
export interface SealedContent {
  readonly asOf: string;
  readonly loan: Readonly<Record<string, unknown>>;
  readonly state: { readonly timeline: readonly unknown[] };
}

/**
 * Seals a snapshot's content from its native JSON text: `sha256:` and the SHA-256 of
 * `JSON.stringify(content)` and a newline — the very bytes the canonical writer would hash — and the
 * snapshot's whole text, that text with the `checksum` member put in its sorted place (right after
 * `asOf`). Undefined when the text is not canonical: a timeline (its entries keep the output's key
 * order) or `attributes` that are not canonical JSON ({@link isCanonicalJsonValue}); the caller seals
 * with `contentHash` then. Everything else in a snapshot is built by the engine with its keys in
 * sorted order and holds only strings, numbers, booleans, null, arrays and plain objects (decision 362;
 * tests/engine/snapshotText.test.ts holds every pack's snapshots to it).
 */
export function sealFromText(content: SealedContent): { readonly checksum: string; readonly text: string } | undefined {
  if (content.state.timeline.length > 0) return undefined;
  const attributes = content.loan['attributes'];
  if (attributes !== undefined && !isCanonicalJsonValue(attributes)) return undefined;
  const body = JSON.stringify(content);
  const checksum = `sha256:${textDigest(body)}`;
  const head = `{"asOf":${JSON.stringify(content.asOf)},`.length;
  return { checksum, text: `${body.slice(0, head)}"checksum":"${checksum}",${body.slice(head)}` };
}

/** Keeps the text a snapshot was sealed with (see {@link snapshotText}). */
export function keepText(snapshot: object, text: string): void {
  texts.set(snapshot, text);
}

/** The text a snapshot was sealed with, when it was sealed from its native text (for tests). */
export function keptText(snapshot: object): string | undefined {
  return texts.get(snapshot);
}

/**
 * The JSON text of a snapshot, exactly `JSON.stringify(snapshot)`: for a snapshot this build made, the
 * text made when it was sealed (no second `JSON.stringify`), else `JSON.stringify(snapshot)`. A store
 * writes it as it is and restores it with `restoreSnapshotText`. A snapshot is a value: its text is the
 * one it was made with, so change a copy (`{ ...snapshot, … }`), never the snapshot in place.
 *
 * @example
 * ```ts
 * const { snapshot } = replayWithSnapshot(history, pack, { asOf, lean: true });
 * await db.put(snapshot.loanId, snapshotText(snapshot)); // === JSON.stringify(snapshot)
 * ```
 */
export function snapshotText(snapshot: object): string {
  return texts.get(snapshot) ?? JSON.stringify(snapshot);
}

/** The checksum member a sealed text has right after `asOf`, and nothing else is accepted there. */
const SEALED_HEAD = /^\{"asOf":"[^"\\]*",("checksum":"(sha256:[0-9a-f]{64})",)"/;

/**
 * The checksum a stored snapshot text was sealed with, when the text proves it: the text has the
 * `checksum` member in the place a seal puts it, and the SHA-256 of the text without that member (and a
 * newline) is that checksum — then the text without it is byte for byte the canonical JSON the checksum
 * was taken over (SHA-256 is collision resistant), and the content parsed from the text has that
 * canonical JSON. Undefined otherwise (another key order, a changed text, a text without checksum): the
 * caller checks the parsed snapshot as before.
 */
export function checksumOfText(text: string): string | undefined {
  const m = SEALED_HEAD.exec(text);
  if (m === null) return undefined;
  const member = m[1] as string;
  const stored = m[2] as string;
  const from = m[0].length - 1 - member.length;
  return `sha256:${textDigest(text, from, from + member.length)}` === stored ? stored : undefined;
}
