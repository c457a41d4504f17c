import { z } from 'zod';
import { report } from '../contract/primitives';
import { asciiDigits } from '../time/asciiDigits';
import { fromCivil } from '../time/day';
import { historyText as text } from './messages';

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Milliseconds since 1970-01-01T00:00Z of an ISO 8601 timestamp that states its UTC offset
 * (`2026-02-17T09:30:00+08:00`, `…Z`); `undefined` when it is malformed, not a real time, or has no
 * offset. Parsed by hand so the result never depends on the host's time zone.
 *
 * @example
 * ```ts
 * timestampMillis('2026-02-17T09:30:00+08:00') === timestampMillis('2026-02-17T01:30:00Z'); // true
 * timestampMillis('2026-02-17T09:30:00'); // undefined: no offset
 * ```
 */
export function timestampMillis(value: string): number | undefined {
  // Read by character codes, accepting exactly what TIMESTAMP_RE accepts (the tests hold it to that
  // pattern): every contact attempt's time is read when its history is checked and again when it is
  // sorted and replayed. A JavaScript caller's non-string goes to the pattern.
  if (typeof value !== 'string') return nonStringTimestampMillis(value);
  const n = value.length;
  if (n < 17 || value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d || value.charCodeAt(10) !== 0x54 || value.charCodeAt(13) !== 0x3a) return undefined;
  const year = asciiDigits(value, 0, 4);
  const month = asciiDigits(value, 5, 2);
  const dayOfMonth = asciiDigits(value, 8, 2);
  const hour = asciiDigits(value, 11, 2);
  const minute = asciiDigits(value, 14, 2);
  if (year < 0 || month < 0 || dayOfMonth < 0 || hour < 0 || minute < 0) return undefined;
  let p = 16;
  let second = 0;
  let millis = 0;
  if (value.charCodeAt(p) === 0x3a) {
    second = asciiDigits(value, p + 1, 2);
    if (second < 0) return undefined;
    p += 3;
    if (value.charCodeAt(p) === 0x2e) {
      const from = ++p;
      while (p < n && p - from < 10 && asciiDigits(value, p, 1) >= 0) p++;
      const count = p - from;
      if (count === 0 || count > 9) return undefined;
      // Milliseconds are the first three digits of the fraction, padded with zeros.
      for (let i = 0; i < 3; i++) millis = millis * 10 + (i < count ? value.charCodeAt(from + i) - 0x30 : 0);
    }
  }
  let offsetMinutes: number;
  const sign = value.charCodeAt(p);
  if (sign === 0x5a && p + 1 === n) offsetMinutes = 0;
  else if ((sign === 0x2b || sign === 0x2d) && p + 6 === n && value.charCodeAt(p + 3) === 0x3a) {
    const oh = asciiDigits(value, p + 1, 2);
    const om = asciiDigits(value, p + 4, 2);
    if (oh < 0 || om < 0) return undefined;
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (sign === 0x2d ? -1 : 1) * (oh * 60 + om);
  } else return undefined;
  const day = fromCivil(year, month, dayOfMonth);
  if (day === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  return ((day * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

/** {@link timestampMillis} of something that is not a string (a JavaScript caller's): what the pattern makes of its text. */
function nonStringTimestampMillis(value: unknown): number | undefined {
  const m = TIMESTAMP_RE.exec(value as string);
  return m === null ? undefined : timestampMillis(m[0]);
}

/**
 * zod schema of a timestamp with offset (contact attempts' `at`); keeps the text as written, so
 * output shows the local time the user recorded. Sort with {@link timestampMillis}.
 *
 * @example
 * ```ts
 * isoTimestamp.parse('2026-02-17T09:30:00+08:00'); // '2026-02-17T09:30:00+08:00'
 * isoTimestamp.safeParse('2026-02-17 09:30').success; // false, code 'date.format'
 * ```
 */
export const isoTimestamp = z.string().superRefine((value, ctx) => {
  if (timestampMillis(value) !== undefined) return;
  const m = TIMESTAMP_RE.exec(value);
  if (m === null) report(ctx, 'date.format', text.timestampFormat(value));
  else if (m[8] === undefined) report(ctx, 'date.format', text.timestampNoOffset(value));
  else report(ctx, 'date.invalid', text.timestampInvalid(value));
});
