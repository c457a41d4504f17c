import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { formatIssues } from '../../src/errors/formatIssues';
import { jsonTextDigest } from '../../src/hash/sortedJson';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { replayWithSnapshot } from '../../src/engine/replay';
import { restoreSnapshot, type LoanSnapshot } from '../../src/engine/snapshot';
import { loadPackDir } from '../../src/node';
import { canonicalJson, contentHash } from '../../src/rules/hash';
import { day } from '../../src/time/day';
import { arbitraryHistory } from './arbitraryHistory';
import { reversedKeys } from '../support/reversedKeys';

// Snapshots are built with their keys in sorted order at every level, so their JSON text is their
// canonical JSON and a restore checks the checksum from the native text (decisions 362–369). The
// checksum must stay contentHash of the content, and a restore must accept and refuse exactly as the
// canonical check does — for snapshots in any key order (an older build wrote another), edited or not.

const PACKS = ['cn-default', 'cn-consumer-credit', 'ifrs9-cas22', 'eba-dod', 'us-ffiec'] as const;
const packs = new Map(PACKS.map((name) => [name, unwrap(loadPackDir(`rules/${name}`))]));

type Json = Record<string, unknown>;

/** A deep copy with each object's keys in reverse order: another build's key order, same content. */
const reversed = reversedKeys;

/** Attributes as a lender may give them: none, sorted, unsorted, nested unsorted, integer-like keys. */
const attributes = fc.constantFrom<Json | undefined>(
  undefined,
  { creditType: 'openEnd' },
  { product: 'auto', creditType: 'closedEnd' },
  { zone: 'north', dealer: { name: 'W', id: 'W-1' }, creditType: 'openEnd' },
  { '10': 'x', '9': 'y', creditType: 'openEnd' },
  { '1': 'only' },
);

const book = fc.record({ base: arbitraryHistory, attributes, pack: fc.constantFrom(...PACKS) });

const text = (r: ReturnType<typeof restoreSnapshot>): string => (r.ok ? 'ok' : formatIssues(r.issues));

/** What the canonical check alone says of a stored snapshot's checksum. */
const canonicallySealed = (s: Json): boolean => {
  const { checksum, ...content } = s;
  return checksum === contentHash([content]);
};

describe('snapshot key order and checksum (issue 14)', () => {
  it('property: every snapshot is sealed with contentHash; a lean one with sorted attributes is its canonical JSON, and the native digest of it is the checksum', () => {
    fc.assert(
      fc.property(book, ({ base, attributes: attrs, pack: name }) => {
        const pack = packs.get(name)!;
        // A pack effective later than the history's dates refuses it: not this test's subject.
        fc.pre(day(base.asOf) >= pack.effectiveFrom);
        const loan = attrs === undefined ? base.history.loan : { ...base.history.loan, attributes: attrs };
        const history = unwrap(parseHistoryValue({ loan, events: base.history.events }, 'book.json'));
        for (const lean of [true, false]) {
          const { snapshot } = replayWithSnapshot(history, pack, { asOf: day(base.asOf), lean });
          const { checksum, ...content } = snapshot;
          expect(checksum).toBe(contentHash([content]));
          const canonicalText = JSON.stringify(content) === canonicalJson(content);
          const attributesSorted = attrs === undefined || Object.keys(attrs).every((k, i, ks) => i === 0 || ks[i - 1]! < k) && !('dealer' in attrs);
          if (lean && attributesSorted) {
            expect(canonicalText).toBe(true);
            expect(JSON.stringify(snapshot)).toBe(canonicalJson(snapshot));
          }
          if (canonicalText) expect(`sha256:${jsonTextDigest(content)}`).toBe(checksum);
          // Stored as text and read back, in this order and in another: restored alike.
          const stored = JSON.parse(JSON.stringify(snapshot)) as Json;
          const other = reversed(stored) as Json;
          for (const trusted of [true, false]) {
            const a = restoreSnapshot(stored, pack, { trusted });
            expect(text(a)).toBe('ok');
            const b = restoreSnapshot(other, pack, { trusted });
            expect(text(b)).toBe('ok');
            if (a.ok && b.ok) expect(canonicalJson(b.value.state)).toBe(canonicalJson(a.value.state));
          }
        }
      }),
      { numRuns: 60, maxSkipsPerRun: 1000 },
    );
  });

  it('property: an edited snapshot, in either key order, is refused exactly when the canonical check refuses it', () => {
    fc.assert(
      fc.property(book, fc.integer({ min: 1, max: 5 }), fc.boolean(), ({ base, attributes: attrs, pack: name }, delta, reseal) => {
        const pack = packs.get(name)!;
        // A pack effective later than the history's dates refuses it: not this test's subject.
        fc.pre(day(base.asOf) >= pack.effectiveFrom);
        const loan = attrs === undefined ? base.history.loan : { ...base.history.loan, attributes: attrs };
        const history = unwrap(parseHistoryValue({ loan, events: base.history.events }, 'book.json'));
        const { snapshot } = replayWithSnapshot(history, pack, { asOf: day(base.asOf), lean: true });
        for (const order of [(v: Json) => v, (v: Json) => reversed(v) as Json]) {
          const edited = order(JSON.parse(JSON.stringify(snapshot)) as Json);
          const state = edited['state'] as { ledger: { overpaid: number }; tasks: { cursors: number[] } };
          state.ledger.overpaid += delta;
          if (state.tasks.cursors.length > 0) state.tasks.cursors[0]! += delta;
          if (reseal) {
            const { checksum: _old, ...content } = edited;
            edited['checksum'] = contentHash([content]);
          }
          const r = restoreSnapshot(edited, pack, { trusted: true });
          const modified = text(r).includes('The snapshot was modified');
          expect(modified).toBe(!canonicallySealed(edited));
          expect(modified).toBe(!reseal);
        }
      }),
      { numRuns: 40, maxSkipsPerRun: 1000 },
    );
  });

  it('regression: a snapshot in another key order with its checksum last (as builds before issue 14 wrote it) restores and reseals to the same checksum', () => {
    const pack = packs.get('cn-default')!;
    const fcSample = fc.sample(arbitraryHistory, { numRuns: 5, seed: 14 });
    for (const { history: h, asOf } of fcSample) {
      const history = unwrap(parseHistoryValue(h, 'book.json'));
      const { snapshot } = replayWithSnapshot(history, pack, { asOf: day(asOf), lean: true });
      const { checksum, ...content } = snapshot as LoanSnapshot & Json;
      const older = { ...(reversed(JSON.parse(JSON.stringify(content))) as Json), checksum };
      expect(Object.keys(older).at(-1)).toBe('checksum');
      expect(text(restoreSnapshot(older, pack, { trusted: true }))).toBe('ok');
      expect(text(restoreSnapshot(older, pack))).toBe('ok');
    }
  });

  it('the native digest is that of the JSON text and a newline, and differs from the checksum of another order', () => {
    expect(`sha256:${jsonTextDigest({ a: 1, b: [2, 'x'] })}`).toBe(contentHash([{ a: 1, b: [2, 'x'] }]));
    expect(`sha256:${jsonTextDigest({ b: [2, 'x'], a: 1 })}`).not.toBe(contentHash([{ b: [2, 'x'], a: 1 }]));
    expect(`sha256:${jsonTextDigest({ s: 'é\u2028\ud800"' })}`).toBe(contentHash([{ s: 'é\u2028\ud800"' }]));
  });
});
