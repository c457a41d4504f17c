import { z } from 'zod';
import { report } from '../contract/primitives';
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
  return commonFormMillis(value) ?? patternTimestampMillis(value);
}

/** {@link timestampMillis} by the pattern alone: any form it accepts (the reference the common-form reader is tested against). */
export function patternTimestampMillis(value: string): number | undefined {
  const m = TIMESTAMP_RE.exec(value);
  if (m === null || m[8] === undefined) return undefined;
  const day = fromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? '0');
  if (day === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[8].startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  return ((day * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

/** The number the `n` ASCII digits at `at` spell, or NaN. */
function digitsAt(text: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

const DASH = 45;
const PLUS = 43;
const COLON = 58;

/**
 * The form nearly every timestamp has, `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`, read without the
 * pattern (a contact attempt's `at` was the costliest field to validate); `undefined` for any other text
 * or an impossible time, which {@link patternTimestampMillis} then reads or refuses.
 */
function commonFormMillis(v: string): number | undefined {
  const n = v.length;
  if (n !== 20 && n !== 25) return undefined;
  if (v.charCodeAt(4) !== DASH || v.charCodeAt(7) !== DASH || v[10] !== 'T' || v.charCodeAt(13) !== COLON || v.charCodeAt(16) !== COLON) return undefined;
  const hour = digitsAt(v, 11, 2);
  const minute = digitsAt(v, 14, 2);
  const second = digitsAt(v, 17, 2);
  let offsetMinutes = 0;
  if (n === 20) {
    if (v[19] !== 'Z') return undefined;
  } else {
    const sign = v.charCodeAt(19);
    if ((sign !== PLUS && sign !== DASH) || v.charCodeAt(22) !== COLON) return undefined;
    const oh = digitsAt(v, 20, 2);
    const om = digitsAt(v, 23, 2);
    if (!(oh <= 23 && om <= 59)) return undefined;
    offsetMinutes = (sign === DASH ? -1 : 1) * (oh * 60 + om);
  }
  // NaN fails every comparison: a non-digit anywhere gives undefined here.
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  const day = fromCivil(digitsAt(v, 0, 4), digitsAt(v, 5, 2), digitsAt(v, 8, 2));
  if (day === undefined) return undefined;
  return ((day * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000;
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
