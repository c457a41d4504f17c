import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, type StoredSnapshot } from '../../src/engine/advance';
import { unwrap } from '../../src/errors/PostloanError';
import { formatIssues } from '../../src/errors/formatIssues';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot, restoreSnapshotText, type LoanSnapshot } from '../../src/engine/snapshot';
import { checksumOfText, isCanonicalJsonValue, keptText, snapshotText } from '../../src/engine/snapshotText';
import { loadPackDir } from '../../src/node';
import { canonicalJson, contentHash } from '../../src/rules/hash';
import { day } from '../../src/time/day';
import { arbitraryHistory } from './arbitraryHistory';
import { reversedKeys } from '../support/reversedKeys';

// The snapshot text path (issue 14, decisions 399–409): a snapshot is sealed from its native JSON text
// when that text is its canonical JSON, the text is kept for the caller (snapshotText), and a store's
// text is restored with the checksum checked on the text itself (restoreSnapshotText). The checksum
// must stay contentHash of the content, the text JSON.stringify of the snapshot, and a text restore
// must accept and refuse exactly as restoreSnapshot of the parsed text does, with the same issues.

const PACKS = ['cn-default', 'cn-consumer-credit', 'ifrs9-cas22', 'eba-dod', 'us-ffiec'] as const;
const packs = new Map(PACKS.map((name) => [name, unwrap(loadPackDir(`rules/${name}`))]));

type Json = Record<string, unknown>;

/** Quotes, backslashes, control characters, line separators, non-BMP and lone surrogates: every escape JSON has. */
const WEIRD = ['"q"', 'b\\s', 'n\nt\tr\r', '\u0001\u001f\u007f', '\u2028\u2029', 'é中文', '😀', 'lone\ud800', '\udc00x', '\ud83d'] as const;

/** A deep copy with each object's keys in reverse order: another build's key order, same content. */
const reversed = reversedKeys;

/** Attributes as a lender may give them: none, sorted, unsorted, nested, integer-like keys, escape-heavy. */
const attributes = fc.oneof(
  fc.constantFrom<Json | undefined>(
    undefined,
    {},
    { creditType: 'openEnd' },
    { creditType: 'closedEnd', product: 'auto', rate: 0.5, small: 1e-7, big: 1e21, negative: -0 },
    { product: 'auto', creditType: 'closedEnd' },
    { dealer: { id: 'W-1', name: 'W' }, list: [1, 'two', { a: null, b: true }], zone: 'north' },
    { zone: 'north', dealer: { name: 'W', id: 'W-1' }, creditType: 'openEnd' },
    { dealer: { id: 'W-1', tags: [{ z: 1, a: 2 }] } },
    { '10': 'x', '9': 'y', creditType: 'openEnd' },
    { '1': 'only' },
    { '1': 'a', '2': 'b', x: 'c' },
    { '9': 'a', '10': 'b' },
  ),
  // Escape-heavy keys and values, nested, in sorted order or as given.
  fc
    .tuple(fc.array(fc.tuple(fc.constantFrom(...WEIRD, 'a', 'Z', '_'), fc.constantFrom<unknown>(...WEIRD, 1, 2.5, null, false, ['x', ...WEIRD])), { minLength: 1, maxLength: 5 }), fc.boolean())
    .map(([pairs, sorted]) => {
      const list: [string, unknown][] = sorted ? [...new Map(pairs)].sort(([a], [b]) => (a < b ? -1 : 1)) : pairs;
      const all: [string, unknown][] = [...list, ['nested', Object.fromEntries(list)]];
      return Object.fromEntries(sorted ? all.sort(([a], [b]) => (a < b ? -1 : 1)) : all);
    }),
);

/** A history whose ids and names are escape-heavy strings (the loan's, the events', the officers'). */
const withWeirdStrings = (history: { loan: Json; events: Json[] }, w: string): { loan: Json; events: Json[] } => {
  const named = (v: unknown): unknown => (typeof v === 'string' && /^(officer-A|manager-B|C-7|C-8|AG-1|factory fire|B)$/.test(v) ? `${v}${w}` : v);
  return {
    loan: { ...history.loan, id: `L${w}`, borrower: { ...(history.loan['borrower'] as Json), id: `B${w}` } },
    events: history.events.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, k === 'id' ? `${String(v)}${w}` : named(v)]))),
  };
};

const book = fc.record({ base: arbitraryHistory, attributes, pack: fc.constantFrom(...PACKS), weird: fc.option(fc.constantFrom(...WEIRD), { nil: undefined }) });

const said = (r: ReturnType<typeof restoreSnapshot>): string => (r.ok ? 'ok' : formatIssues(r.issues));

/** The history of a book entry, parsed; undefined when the pack or the parser refuses it (not this test's subject). */
function historyOf({ base, attributes: attrs, pack: name, weird }: { base: { history: { loan: Json; events: Json[] }; asOf: string }; attributes: Json | undefined; pack: (typeof PACKS)[number]; weird: string | undefined }) {
  const pack = packs.get(name)!;
  if (day(base.asOf) < pack.effectiveFrom) return undefined;
  const h = weird === undefined ? base.history : withWeirdStrings(base.history, weird);
  const loan = attrs === undefined ? h.loan : { ...h.loan, attributes: attrs };
  const parsed = parseHistoryValue({ loan, events: h.events }, 'book.json');
  return parsed.ok ? { pack, history: parsed.value, asOf: day(base.asOf) } : undefined;
}

describe('snapshot text path (issue 14)', () => {
  it('property: the seal from the native text is contentHash, the kept text is JSON.stringify(snapshot), and it restores from its text as from its value', () => {
    let native = 0;
    let weirdNative = 0;
    fc.assert(
      fc.property(book, (entry) => {
        const made = historyOf(entry);
        fc.pre(made !== undefined);
        const { pack, history, asOf } = made;
        for (const lean of [true, false]) {
          const { snapshot } = replayWithSnapshot(history, pack, { asOf, lean });
          const { checksum, ...content } = snapshot;
          expect(checksum).toBe(contentHash([content]));
          const text = snapshotText(snapshot);
          expect(text).toBe(JSON.stringify(snapshot));
          // Sealed natively exactly when the text is canonical: no timeline, attributes canonical JSON.
          const attrs = entry.attributes;
          const canonicalAttributes = attrs === undefined || JSON.stringify(attrs) === canonicalJson(attrs);
          const expectNative = snapshot.state.timeline.length === 0 && canonicalAttributes;
          expect(keptText(snapshot) !== undefined).toBe(expectNative);
          if (expectNative) {
            native++;
            if (entry.weird !== undefined && attrs !== undefined && 'nested' in attrs) weirdNative++;
            expect(text).toBe(canonicalJson(snapshot));
            expect(checksumOfText(text)).toBe(checksum);
          }
          const other = JSON.stringify(reversed(JSON.parse(text)));
          for (const trusted of [true, false]) {
            const a = restoreSnapshotText(text, pack, { trusted });
            const b = restoreSnapshot(JSON.parse(text), pack, { trusted });
            expect(said(a)).toBe('ok');
            expect(said(b)).toBe('ok');
            if (a.ok && b.ok) expect([a.value.asOf, canonicalJson(a.value.state), a.value.history.schedule]).toEqual([b.value.asOf, canonicalJson(b.value.state), b.value.history.schedule]);
            const c = restoreSnapshotText(other, pack, { trusted });
            expect(said(c)).toBe('ok');
            // Resumed from an older build's key order and sealed again: objects the restore keeps as
            // stored must not carry that order into the new snapshot's text.
            if (c.ok && lean) {
              const next = resumeReplay(c.value, pack, [], { asOf: (asOf + 40) as typeof asOf }).snapshot;
              const { checksum: sealed, ...rest } = next;
              expect(sealed).toBe(contentHash([rest]));
              expect(snapshotText(next)).toBe(JSON.stringify(next));
              if (keptText(next) !== undefined) expect(snapshotText(next)).toBe(canonicalJson(next));
            }
          }
        }
      }),
      { numRuns: 80, maxSkipsPerRun: 1000 },
    );
    expect(native).toBeGreaterThan(10);
    // Escape-heavy ids and attributes were sealed natively too (the parser took them).
    expect(weirdNative).toBeGreaterThan(0);
  });

  it('property: an edited or damaged text is accepted and refused as restoreSnapshot of the parsed text, with the same issues', () => {
    fc.assert(
      fc.property(book, fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.boolean(), fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (entry, delta, reseal, reverse, at, code) => {
        const made = historyOf(entry);
        fc.pre(made !== undefined);
        const { pack, history, asOf } = made;
        const { snapshot } = replayWithSnapshot(history, pack, { asOf, lean: true });
        const edited = JSON.parse(snapshotText(snapshot)) as Json;
        const state = edited['state'] as { ledger: { overpaid: number }; tasks: { cursors: number[] } };
        state.ledger.overpaid += delta;
        if (state.tasks.cursors.length > 0) state.tasks.cursors[0]! += delta;
        if (reseal) {
          const { checksum: _old, ...content } = edited;
          edited['checksum'] = contentHash([content]);
        }
        const damaged = snapshotText(snapshot);
        const texts = [
          JSON.stringify(reverse ? reversed(edited) : edited),
          // One character replaced anywhere: a damaged row.
          `${damaged.slice(0, at % damaged.length)}${String.fromCharCode(code)}${damaged.slice((at % damaged.length) + 1)}`,
        ];
        for (const text of texts) {
          for (const trusted of [true, false]) {
            const a = restoreSnapshotText(text, pack, { trusted, file: 'row' });
            let value: unknown;
            try {
              value = JSON.parse(text);
            } catch {
              expect(a.ok).toBe(false);
              if (!a.ok) expect(a.issues.map((i) => i.code)).toEqual(['json.syntax']);
              continue;
            }
            expect(said(a)).toBe(said(restoreSnapshot(value, pack, { trusted, file: 'row' })));
          }
        }
        expect(said(restoreSnapshotText(texts[0]!, pack, { trusted: true })).includes('The snapshot was modified')).toBe(!reseal);
      }),
      { numRuns: 60, maxSkipsPerRun: 1000 },
    );
  });

  it('a text in an older key order (checksum last) or with non-canonical attributes restores on the parsed path', () => {
    const pack = packs.get('cn-default')!;
    for (const { history: h, asOf } of fc.sample(arbitraryHistory, { numRuns: 5, seed: 399 })) {
      for (const attrs of [undefined, { zone: 'north', creditType: 'openEnd' }, { '10': 'x', '9': 'y' }]) {
        const history = unwrap(parseHistoryValue(attrs === undefined ? h : { ...h, loan: { ...h.loan, attributes: attrs } }, 'book.json'));
        const { snapshot } = replayWithSnapshot(history, pack, { asOf: day(asOf), lean: true });
        const { checksum, ...content } = snapshot as LoanSnapshot & Json;
        const older = JSON.stringify({ ...(reversed(JSON.parse(JSON.stringify(content))) as Json), checksum });
        expect(checksumOfText(older)).toBeUndefined();
        expect(said(restoreSnapshotText(older, pack, { trusted: true }))).toBe('ok');
        expect(said(restoreSnapshotText(snapshotText(snapshot), pack))).toBe('ok');
        expect(keptText(snapshot) !== undefined).toBe(attrs === undefined);
        // The checksum member in its place but another checksum: refused, as the parsed check refuses it.
        const forged = snapshotText(snapshot).replace(/"checksum":"sha256:[0-9a-f]{64}"/, `"checksum":"sha256:${'0'.repeat(64)}"`);
        expect(checksumOfText(forged)).toBeUndefined();
        expect(said(restoreSnapshotText(forged, pack, { trusted: true }))).toContain('The snapshot was modified');
      }
    }
  });

  it('only the exact sealed head is read from the text', () => {
    const head = '{"asOf":"2026-01-01","checksum":"sha256:';
    const body = '","loanId":"L"}';
    const hex = 'a'.repeat(64);
    expect(checksumOfText(`${head}${hex}${body}`)).toBeUndefined(); // a wrong digest
    // The digest of the text without the member: accepted.
    const content = '{"asOf":"2026-01-01","loanId":"L"}';
    const sealed = contentHash([{ asOf: '2026-01-01', loanId: 'L' }]);
    expect(JSON.stringify({ asOf: '2026-01-01', loanId: 'L' })).toBe(content);
    const text = `{"asOf":"2026-01-01","checksum":"${sealed}","loanId":"L"}`;
    expect(checksumOfText(text)).toBe(sealed);
    for (const other of [text.replace('{"asOf"', '{ "asOf"'), text.replace(sealed, sealed.toUpperCase().replace('SHA256', 'sha256')), text.replace('","loanId"', '", "loanId"'), `\ufeff${text}`]) {
      expect(checksumOfText(other)).toBeUndefined();
    }
  });

  it('isCanonicalJsonValue: sorted plain JSON only', () => {
    for (const yes of [null, 'x', 1.5, -0, true, [], {}, [1, [2, { a: 1, b: [null] }]], { '1': 1, '2': 2, a: 3 }, Object.assign(Object.create(null) as Json, { a: 1 })]) expect(isCanonicalJsonValue(yes)).toBe(true);
    for (const no of [undefined, () => 1, Symbol('s'), 1n, [1, , 2], [undefined], { b: 1, a: 2 }, { '10': 1, '9': 2 }, { a: undefined }, { a: { c: 1, b: 2 } }, new Date(0), { toJSON: () => 1 }, new Map()]) {
      expect(isCanonicalJsonValue(no)).toBe(false);
    }
    // Wherever it answers true, the native text is the canonical one.
    for (const v of [{ '1': 1, '2': 2, a: 3 }, [1, [2, { a: 1, b: [null] }]], { s: WEIRD.join('') }]) expect(JSON.stringify(v)).toBe(canonicalJson(v));
  });

  it('advance takes a store\'s rows: it restores each from its text, and advances them as it advances the parsed snapshots', () => {
    const pack = packs.get('cn-default')!;
    const snapshots: LoanSnapshot[] = [];
    for (const [i, { history: h, asOf }] of fc.sample(arbitraryHistory, { numRuns: 12, seed: 400 }).entries()) {
      const history = unwrap(parseHistoryValue({ ...h, loan: { ...h.loan, id: `L-${i}` } }, 'book.json'));
      snapshots.push(replayWithSnapshot(history, pack, { asOf: day(asOf), lean: true }).snapshot);
    }
    const to = day('2026-06-30');
    const rows: StoredSnapshot[] = snapshots.map((s) => ({ loanId: s.loanId, nextReviewOn: s.nextReviewOn, text: snapshotText(s) }));
    // One damaged row: reported, kept, and the others advance.
    rows[0] = { ...rows[0]!, nextReviewOn: '2021-01-01', text: rows[0]!.text.replace('"overpaid":', '"overpaid":1') };
    const fromRows = advance(rows, pack, to, new Map(), { trusted: true });
    const fromValues = advance(rows.map((r) => JSON.parse(r.text) as LoanSnapshot), pack, to, new Map(), { trusted: true });
    expect([...fromRows.failures.keys()]).toEqual([...fromValues.failures.keys()]);
    expect(fromRows.failures.size).toBe(1);
    expect(formatIssues(fromRows.failures.get('L-0')!)).toBe(formatIssues(fromValues.failures.get('L-0')!));
    expect(fromRows.touched).toBe(fromValues.touched);
    fromRows.snapshots.forEach((s, i) => {
      const v = fromValues.snapshots[i]!;
      if ('text' in s) {
        expect(s).toBe(rows[i]);
        expect(v).toBe(fromValues.snapshots[i]);
        expect(s.text).toBe(JSON.stringify(v));
      } else {
        expect(snapshotText(s)).toBe(snapshotText(v));
        expect(JSON.stringify(fromRows.outputs.get(s.loanId))).toBe(JSON.stringify(fromValues.outputs.get(v.loanId)));
      }
    });
  });
});
