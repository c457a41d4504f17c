/**
 * Local time of an ISO 8601 timestamp in an IANA time zone: the zone's offset read from Intl once per
 * UTC day (a day the offset changes is read at the second), cached per zone. Pure: the same timestamp and
 * zone give the same answer; nothing here reads the clock.
 */
import { timestampMillis } from '../history/timestamp';
import { toCivil, type Day } from '../time/day';

/** A zone's formatter and its offsets by UTC day. */
export interface ZoneClock {
  readonly format: Intl.DateTimeFormat;
  /** UTC day number → zone offset in ms that holds all that day, or NaN when it changes that day. */
  readonly offsets: Map<number, number>;
}

const DAY_MS = 86_400_000;
const MAX_CACHED_OFFSETS = 20_000;

/** Formatter and offset cache per time zone, shared by all trackers (pure memo: same input, same output). */
const clocks = new Map<string, ZoneClock>();

/** The zone's clock, made once per zone. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    // Throws RangeError on an unknown zone; packs and contracts validate their zone when loaded.
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clock = { format, offsets: new Map() };
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** The zone's offset (local − UTC, ms) at a whole second, read from Intl. */
function exactOffset(format: Intl.DateTimeFormat, ms: number): number {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  let year = 0;
  let month = 0;
  let dayOfMonth = 0;
  let seconds = 0;
  for (const p of format.formatToParts(whole)) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        dayOfMonth = Number(p.value);
        break;
      case 'hour':
        seconds += (Number(p.value) % 24) * 3600;
        break;
      case 'minute':
        seconds += Number(p.value) * 60;
        break;
      case 'second':
        seconds += Number(p.value);
        break;
      default:
        break;
    }
  }
  // Offsets are under a day, so the local date is the UTC date or one either side of it.
  const utcDay = Math.floor(whole / DAY_MS);
  const utc = toCivil(utcDay as Day);
  const local = year * 10_000 + month * 100 + dayOfMonth;
  const utcKey = utc.year * 10_000 + utc.month * 100 + utc.dayOfMonth;
  const dayShift = local === utcKey ? 0 : local > utcKey ? 1 : -1;
  return (utcDay + dayShift) * DAY_MS + seconds * 1000 - whole;
}

function zoneOffset(clock: ZoneClock, ms: number): number {
  const utcDay = Math.floor(ms / DAY_MS);
  let offset = clock.offsets.get(utcDay);
  if (offset === undefined) {
    const start = utcDay * DAY_MS;
    const first = exactOffset(clock.format, start);
    offset = first === exactOffset(clock.format, start + DAY_MS - 1000) ? first : Number.NaN;
    if (clock.offsets.size >= MAX_CACHED_OFFSETS) clock.offsets.clear();
    clock.offsets.set(utcDay, offset);
  }
  return Number.isNaN(offset) ? exactOffset(clock.format, ms) : offset;
}

/** Milliseconds since 1970-01-01T00:00 local, or undefined for a malformed timestamp. */
export function localMillis(clock: ZoneClock, at: string): number | undefined {
  const ms = timestampMillis(at);
  if (ms === undefined) return undefined;
  return ms + zoneOffset(clock, ms);
}

/**
 * The local date and minute of the day (0–1439) of an ISO 8601 timestamp with offset in a time zone;
 * `undefined` when the timestamp is malformed. Throws RangeError on an unknown zone.
 *
 * @example
 * ```ts
 * toLocalTime('2026-03-01T14:30:00Z', 'Asia/Shanghai'); // { day: <2026-03-01>, minuteOfDay: 1350 } (22:30)
 * ```
 */
export function toLocalTime(at: string, timeZone: string): { readonly day: Day; readonly minuteOfDay: number } | undefined {
  const local = localMillis(zoneClock(timeZone), at);
  if (local === undefined) return undefined;
  const d = Math.floor(local / DAY_MS);
  return { day: d as Day, minuteOfDay: Math.floor((local - d * DAY_MS) / 60_000) };
}
