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
