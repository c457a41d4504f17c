import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isoTimestamp, timestampMillis } from '../../src/history/timestamp';

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

// The host's zone must never matter: run the same checks under zones on both sides of UTC.
describe.each(['Asia/Shanghai', 'America/New_York', 'UTC'])('timestamps with TZ=%s', (zone) => {
  it('reads the instant a timestamp names', () => {
    process.env.TZ = zone;
    expect(timestampMillis('2026-02-17T09:30:00+08:00')).toBe(Date.UTC(2026, 1, 17, 1, 30));
    expect(timestampMillis('2026-02-17T01:30:00Z')).toBe(Date.UTC(2026, 1, 17, 1, 30));
    expect(timestampMillis('2026-02-16T20:30:00-05:00')).toBe(Date.UTC(2026, 1, 17, 1, 30));
    expect(timestampMillis('2026-02-17T09:30+08:00')).toBe(Date.UTC(2026, 1, 17, 1, 30));
    expect(timestampMillis('2026-02-17T09:30:00.250+08:00')).toBe(Date.UTC(2026, 1, 17, 1, 30, 0, 250));
  });

  it('agrees with Date.parse on well-formed timestamps with an offset', () => {
    process.env.TZ = zone;
    const arb = fc
      .record({
        ms: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        offset: fc.integer({ min: -12 * 60, max: 14 * 60 }),
      })
      .map(({ ms, offset }) => {
        const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      });
    fc.assert(
      fc.property(arb, (text) => {
        expect(timestampMillis(text)).toBe(Date.parse(text));
      }),
    );
  });
});

describe('timestampMillis reads the common form by hand (issue 14, item 2)', () => {
  const sample = ['2026-02-17T09:30:00+08:00', '2026-02-17T01:30:00Z', '1999-12-31T23:59:59-05:30', '2028-02-29T00:00:00-00:00'];
  const chars = [...'0123456789-+:TZtz .', '\u0660', '\uff10'];

  it('gives what the pattern gives, for the common form and for every one-character change of it', () => {
    for (const text of sample) {
      expect(timestampMillis(text)).toBe(referenceTimestampMillis(text));
      expect(timestampMillis(text)).toBe(Date.parse(text));
      for (let i = 0; i <= text.length; i++) {
        for (const c of chars) {
          for (const changed of [text.slice(0, i) + c + text.slice(i + 1), text.slice(0, i) + c + text.slice(i), text.slice(0, i) + text.slice(i + 1)]) {
            expect(timestampMillis(changed), changed).toBe(referenceTimestampMillis(changed));
          }
        }
      }
    }
  });

  it('agrees with the pattern on random texts of the common lengths', () => {
    const char = fc.constantFrom(...chars);
    fc.assert(
      fc.property(fc.oneof(fc.array(char, { minLength: 20, maxLength: 20 }), fc.array(char, { minLength: 25, maxLength: 25 })), (cs) => {
        const text = cs.join('');
        expect(timestampMillis(text)).toBe(referenceTimestampMillis(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('agrees with Date.parse on UTC timestamps written with Z', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), (ms) => {
        const text = `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
        expect(timestampMillis(text)).toBe(Date.parse(text));
      }),
    );
  });
});

describe('isoTimestamp', () => {
  it('keeps the text as written', () => {
    expect(isoTimestamp.parse('2026-02-17T09:30:00+08:00')).toBe('2026-02-17T09:30:00+08:00');
  });

  it.each([
    ['2026-02-17T09:30:00', 'date.format'],
    ['2026-02-17 09:30:00+08:00', 'date.format'],
    ['2026-02-17', 'date.format'],
    ['2026-02-30T09:30:00+08:00', 'date.invalid'],
    ['2026-02-17T24:00:00+08:00', 'date.invalid'],
    ['2026-02-17T09:60:00+08:00', 'date.invalid'],
    ['2026-02-17T09:30:00+25:00', 'date.invalid'],
  ])('refuses %j with %s', (text, code) => {
    const r = isoTimestamp.safeParse(text);
    expect(r.success ? undefined : (r.error.issues[0] as { params?: { code?: string } }).params?.code).toBe(code);
  });
});

// The pattern timestampMillis matched before it read characters (issue 14), kept as the reference.
const REFERENCE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
function referenceTimestampMillis(value: string): number | undefined {
  const m = REFERENCE_RE.exec(value);
  if (m === null || m[8] === undefined) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dayOfMonth = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (year < 1900 || year > 2999 || monthDays === undefined || dayOfMonth < 1 || dayOfMonth > monthDays) return undefined;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[8].startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  return Date.UTC(year, month - 1, dayOfMonth, hour, minute - offsetMinutes, second, millis);
}

describe('timestampMillis read by character codes (issue 14)', () => {
  it('accepts and refuses exactly what the pattern does, with the same instant', () => {
    const texts = [
      '2026-02-17T09:30:00+08:00', '2026-02-17T09:30:00Z', '2026-02-17T09:30Z', '2026-02-17T09:30+08:00', '2026-02-17T09:30',
      '2026-02-17T09:30:00', '2026-02-17T09:30:00.1Z', '2026-02-17T09:30:00.123456789Z', '2026-02-17T09:30:00.1234567890Z',
      '2026-02-17T09:30:00.Z', '2026-02-17T09:30:Z', '2026-02-17T09:30:0Z', '2026-02-17T24:00:00Z', '2026-02-17T23:60:00Z',
      '2026-02-17T23:59:60Z', '2026-02-17T09:30:00+24:00', '2026-02-17T09:30:00+08:60', '2026-02-17T09:30:00+0800',
      '2026-02-17T09:30:00+08:00Z', '2026-02-17T09:30:00ZZ', '2026-02-29T09:30:00Z', '2024-02-29T09:30:00Z', '2026-02-17t09:30:00Z',
      '2026-02-17 09:30:00Z', '2026-02-17T09:30:00z', '1899-12-31T23:59:59Z', '3000-01-01T00:00:00Z', '2999-12-31T23:59:59.999-23:59',
      '2026-02-17T09:30:00\u221208:00', '２０２６-02-17T09:30:00Z', '',
    ];
    for (const t of texts) expect(timestampMillis(t), JSON.stringify(t)).toBe(referenceTimestampMillis(t));
    const piece = fc.constantFrom('0', '1', '2', '5', '9', '-', ':', 'T', 'Z', '+', '.', 'z', ' ', '\u0661');
    const mutated = fc
      .tuple(fc.constantFrom('2026-02-17T09:30:00.250+08:00', '2024-02-29T23:59:59Z', '2026-12-31T00:00-05:30'), fc.array(fc.tuple(fc.nat(40), fc.nat(3), piece), { maxLength: 3 }))
      .map(([base, edits]) => edits.reduce<string>((t, [at, cut, c]) => t.slice(0, at % (t.length + 1)) + c + t.slice((at % (t.length + 1)) + (cut % 2)), base));
    fc.assert(
      fc.property(fc.oneof(mutated, fc.array(piece, { maxLength: 30 }).map((cs) => cs.join(''))), (t) => {
        expect(timestampMillis(t)).toBe(referenceTimestampMillis(t));
      }),
      { numRuns: 30_000 },
    );
  });
});
