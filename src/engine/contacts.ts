import { CONTACT_CHANNELS, CONTACT_PARTIES, type EventOf } from '../history/events';
import { formatDay, type Day } from '../time/day';
import { normalizePhoneNumber } from './phoneNumber';
import { localMillis, zoneClock, type ZoneClock } from './localTime';

/**
 * Contact conduct and reachability of one loan while a replay runs (policy P-CS-2, P-CS-3, P-CS-4,
 * P-CS-11).
 *
 * Like the ledger, the tracker is mutable on purpose and private to one replay: replays run millions
 * of times, so recording an attempt allocates nothing unless it is a breach (then only the breach),
 * and per-day counts live in a fixed ring of {@link CONTACT_DAYS_KEPT} day slots whose maps are
 * cleared and reused, so memory stays constant over a history of any length.
 *
 * Local time. An attempt's `at` names an instant; its local date and time are that instant in the
 * pack's time zone, whatever offset `at` was written with. The conversion uses
 * `Intl.DateTimeFormat#formatToParts` with one cached formatter per zone, and caches the zone's UTC
 * offset per UTC day (a day whose offset is the same at both ends has no transition inside it: in
 * tzdb no zone changes offset twice within four days between 1900 and 2100; days with a transition
 * are converted attempt by attempt). Measured on Node 20 (200k instants over three years): dayjs's
 * timezone plugin 80–110 µs per conversion (it does the same Intl work plus parsing and object
 * construction, and its answer depends on the host zone near the host's DST changes), one
 * `formatToParts` 4–6 µs, a cache hit well under 0.3 µs; a whole warm `recordContact` is ~0.5 µs, half
 * of it `timestampMillis`.
 */

/**
 * What the tracker reads of a `contactAttempt` event; a parsed `LoanEvent` of that type fits.
 *
 * @example
 * ```ts
 * const e: ContactAttemptEvent = {
 *   id: 'c1', on: day('2026-03-01'), at: '2026-03-01T09:30:00+08:00',
 *   party: 'borrower', channel: 'phone', outcome: 'noAnswer', number: '138****0000',
 * };
 * ```
 */
export type ContactAttemptEvent = Pick<EventOf<'contactAttempt'>, 'id' | 'on' | 'at' | 'party' | 'partyId' | 'channel' | 'outcome' | 'number'>;

/**
 * The contact-conduct limits of P-CS-11, all pack parameters.
 *
 * - `quietFrom`, `quietTo`: `HH:MM` (00:00–23:59), local time in the pack's zone. The quiet window is
 *   `[quietFrom, quietTo)`; when `quietFrom > quietTo` it wraps midnight (22:00–08:00 covers 22:00
 *   through 07:59); when they are equal there are no quiet hours.
 * - `maxCallsPerNumberPerDay`: phone calls allowed per number per local day; the next call and every
 *   later one that day is a breach.
 *
 * @example
 * ```ts
 * const limits: ContactLimits = { quietFrom: '22:00', quietTo: '08:00', maxCallsPerNumberPerDay: 6 };
 * ```
 */
export interface ContactLimits {
  readonly quietFrom: string;
  readonly quietTo: string;
  readonly maxCallsPerNumberPerDay: number;
}

/**
 * The ways one attempt can break P-CS-11.
 *
 * @example
 * ```ts
 * const k: ContactBreachKind = 'quietHours';
 * ```
 */
export type ContactBreachKind = 'quietHours' | 'tooManyCalls' | 'thirdPartyWhileReachable';

/**
 * A conduct breach found in a recorded contact attempt. `message` names the event id, the local time
 * or day and the limit, and never any personal data (no number, no party id).
 *
 * @example
 * ```ts
 * const b: ContactBreach = { ruleId: 'P-CS-11', kind: 'quietHours', message: 'Contact attempt c7 …' };
 * ```
 */
export interface ContactBreach {
  readonly ruleId: 'P-CS-11';
  readonly kind: ContactBreachKind;
  readonly message: string;
}

/**
 * Contact facts at the end of a day, for rules (P-CS-2 cadence, P-CS-4 lost contact).
 *
 * @example
 * ```ts
 * const f: ContactFacts = contactFacts(tracker, day('2026-03-05'));
 * if (f.borrowerUnreachableDays >= 5) raiseLostContact();
 * ```
 */
export interface ContactFacts {
  /**
   * Local date of the first failed borrower attempt (`noAnswer`, `unreachable`) since the borrower
   * was last reached; `undefined` when the borrower answered since, or no attempt failed yet.
   */
  readonly borrowerUnreachableSince: Day | undefined;
  /** `d − borrowerUnreachableSince + 1` (the day of the first failure counts), 0 when reachable. */
  readonly borrowerUnreachableDays: number;
  /** Local date of the last borrower attempt the borrower answered (`reached`, `promiseToPay`, `refused`). */
  readonly lastBorrowerReachOn: Day | undefined;
  /** Local date of the last borrower attempt recorded, any channel and outcome. */
  readonly lastBorrowerAttemptOn: Day | undefined;
  /** Borrower attempts on `d`, every channel. */
  readonly borrowerAttemptsToday: number;
  /** Borrower phone calls on `d` (P-CS-2: 2 a day in T+1..T+3). */
  readonly borrowerCallsToday: number;
  /** Attempts to third parties (party `contact`) on `d`, every channel. */
  readonly thirdPartyAttemptsToday: number;
}

/**
 * How many local days of per-day counts the tracker keeps: the counts of day `d` are readable until an
 * attempt dated `d + 8` or later is recorded. Eight covers P-CS-2's T+1..T+3 window, the 5 days of
 * P-CS-4 and a week of cadence, with slack for attempts recorded slightly out of local-date order.
 *
 * @example
 * ```ts
 * borrowerCallsOn(tracker, addDays(today, -CONTACT_DAYS_KEPT)); // 0: no longer kept
 * ```
 */
export const CONTACT_DAYS_KEPT = 8;

declare const trackerBrand: unique symbol;

/**
 * One loan's contact state during a replay; create with {@link createContactTracker}, feed with
 * {@link recordContact}, read with {@link contactFacts} and the `…On` counters. Opaque: its working
 * state is private to this module.
 *
 * @example
 * ```ts
 * const tracker: ContactTracker = createContactTracker('Asia/Shanghai', limits);
 * ```
 */
export interface ContactTracker {
  readonly timeZone: string;
  readonly limits: ContactLimits;
  readonly [trackerBrand]: true;
}

const PARTIES: readonly Party[] = CONTACT_PARTIES;
const CHANNELS: readonly Channel[] = CONTACT_CHANNELS;
type Party = ContactAttemptEvent['party'];
type Channel = ContactAttemptEvent['channel'];

/** Counts of one local day. */
interface DaySlot {
  day: number;
  /** Attempts by party × channel: `attempts[partyIndex * CHANNELS.length + channelIndex]`. */
  readonly attempts: Int32Array;
  /** Phone calls per dialled number. */
  readonly callsByNumber: Map<string, number>;
  /** Phone calls per party key, whether or not a number was recorded. */
  readonly callsByParty: Map<string, number>;
  /** Phone calls without a number per party key (their per-number limit, see {@link recordContact}). */
  readonly numberlessCalls: Map<string, number>;
}

interface TrackerState extends ContactTracker {
  readonly clock: ZoneClock;
  readonly quietFromMinute: number;
  readonly quietToMinute: number;
  readonly slots: (DaySlot | undefined)[];
  lastReachOn: Day | undefined;
  unreachableSince: Day | undefined;
  lastBorrowerAttemptOn: Day | undefined;
}

const DAY_MS = 86_400_000;
const NO_BREACHES: readonly ContactBreach[] = Object.freeze([]);

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOf(what: string, value: string): number {
  const m = HHMM.exec(value);
  if (m === null) throw new RangeError(`contact limit ${what} must be a local time HH:MM (00:00–23:59), got ${JSON.stringify(value)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

interface QuietMinutes {
  readonly from: string;
  readonly to: string;
  readonly minutes: readonly [number, number];
}

/**
 * The quiet hours' minutes of a pack's limits, read once per limits object (every loan makes a tracker),
 * with the texts they were read from: limits changed since are read again.
 */
const quietOf = new WeakMap<ContactLimits, QuietMinutes>();

function quietMinutes(limits: ContactLimits): readonly [number, number] {
  const { quietFrom, quietTo } = limits;
  const kept = quietOf.get(limits);
  if (kept !== undefined && kept.from === quietFrom && kept.to === quietTo) return kept.minutes;
  const minutes = [minuteOf('quietFrom', quietFrom), minuteOf('quietTo', quietTo)] as const;
  quietOf.set(limits, { from: quietFrom, to: quietTo, minutes });
  return minutes;
}

/**
 * A tracker with nothing recorded, for the pack's time zone and limits. Throws RangeError on an
 * unknown time zone or malformed limits: both are validated when a pack loads, so here they are bugs.
 *
 * @example
 * ```ts
 * const tracker = createContactTracker('Asia/Shanghai', { quietFrom: '22:00', quietTo: '08:00', maxCallsPerNumberPerDay: 6 });
 * ```
 */
export function createContactTracker(timeZone: string, limits: ContactLimits): ContactTracker {
  const max = limits.maxCallsPerNumberPerDay;
  if (!Number.isSafeInteger(max) || max < 0) {
    throw new RangeError(`contact limit maxCallsPerNumberPerDay must be a whole number ≥ 0, got ${String(max)}`);
  }
  // The zone first, then the limits: the error of each as before.
  const clock = zoneClock(timeZone);
  const quiet = quietMinutes(limits);
  const state: Omit<TrackerState, typeof trackerBrand> = {
    timeZone,
    limits,
    clock,
    quietFromMinute: quiet[0],
    quietToMinute: quiet[1],
    slots: new Array<DaySlot | undefined>(CONTACT_DAYS_KEPT).fill(undefined),
    lastReachOn: undefined,
    unreachableSince: undefined,
    lastBorrowerAttemptOn: undefined,
  };
  return state as TrackerState;
}

function isQuiet(t: TrackerState, minute: number): boolean {
  const from = t.quietFromMinute;
  const to = t.quietToMinute;
  if (from === to) return false;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

function slotIndex(d: number): number {
  return ((d % CONTACT_DAYS_KEPT) + CONTACT_DAYS_KEPT) % CONTACT_DAYS_KEPT;
}

/** The slot holding day `d`, or undefined when `d` is no longer kept. */
function readSlot(t: TrackerState, d: number): DaySlot | undefined {
  const slot = t.slots[slotIndex(d)];
  return slot !== undefined && slot.day === d ? slot : undefined;
}

/** The slot to record day `d` in, reusing the slot of day `d − 8k`; undefined when a later day holds it. */
function writeSlot(t: TrackerState, d: number): DaySlot | undefined {
  const i = slotIndex(d);
  const slot = t.slots[i];
  if (slot === undefined) {
    const fresh: DaySlot = {
      day: d,
      attempts: new Int32Array(PARTIES.length * CHANNELS.length),
      callsByNumber: new Map(),
      callsByParty: new Map(),
      numberlessCalls: new Map(),
    };
    t.slots[i] = fresh;
    return fresh;
  }
  if (slot.day === d) return slot;
  if (slot.day > d) return undefined;
  slot.day = d;
  slot.attempts.fill(0);
  slot.callsByNumber.clear();
  slot.callsByParty.clear();
  slot.numberlessCalls.clear();
  return slot;
}

function partyKey(party: Party, partyId: string | undefined): string {
  // partyId is a non-empty string, so a bare party name cannot collide with a party + id key.
  return partyId === undefined ? party : `${party}\u0000${partyId}`;
}

function increment(map: Map<string, number>, key: string): number {
  const n = (map.get(key) ?? 0) + 1;
  map.set(key, n);
  return n;
}

function clockText(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'}`;
}

// Breach messages: the event id, local times and limits only, never the number or the party id.
const text = {
  quietHours: (t: TrackerState, e: ContactAttemptEvent, minute: number): string =>
    `Contact attempt ${e.id} (${e.channel}) at ${clockText(minute)} local time (${t.timeZone}) falls in the quiet hours ` +
    `${t.limits.quietFrom}–${t.limits.quietTo}: no collection contact then (P-CS-11). Schedule it from ${t.limits.quietTo}.`,
  tooManyCalls: (t: TrackerState, e: ContactAttemptEvent, d: Day, n: number): string =>
    `Contact attempt ${e.id} is the ${ordinal(n)} call on ${formatDay(d)} (local) to ` +
    `${e.number === undefined ? `the same ${e.party} (no number recorded)` : 'the same number'}; ` +
    `at most ${t.limits.maxCallsPerNumberPerDay} calls a day to one number are allowed (P-CS-11).`,
  thirdParty: (t: TrackerState, e: ContactAttemptEvent): string => {
    const why =
      t.unreachableSince === undefined
        ? t.lastReachOn === undefined
          ? 'no borrower attempt has failed yet'
          : `the borrower was reached on ${formatDay(t.lastReachOn)} and no attempt has failed since`
        : `the borrower was reached earlier that day (${formatDay(t.lastReachOn ?? t.unreachableSince)})`;
    return `Contact attempt ${e.id} (${e.channel}) went to a third party while the borrower was reachable: ${why}. ` +
      'Third parties may be contacted only when the borrower cannot be reached, only for contact details (P-CS-11).';
  },
};

function breach(kind: ContactBreachKind, message: string): ContactBreach {
  return { ruleId: 'P-CS-11', kind, message };
}

/**
 * Records one contact attempt, in history order, and returns the P-CS-11 breaches it represents, in
 * the order quietHours, tooManyCalls, thirdPartyWhileReachable (a shared empty array when none).
 * Never throws.
 *
 * Decisions:
 * - Dates and times are local to the pack's zone, from `at` (see {@link toLocalTime}); `on` is used
 *   only if `at` is malformed, and then quiet hours cannot be judged and are not reported.
 * - quietHours: a phone, sms, app or visit contact to any party inside the quiet window; a letter is
 *   not a contact in that sense (it is delivered when the post runs). Outcome does not matter: an
 *   unanswered 23:00 call still rang.
 * - tooManyCalls: phone calls only, counted per local date. With a `number`, per number, whoever it
 *   belongs to. Without one, per (party, partyId) among the calls to that party that recorded no number
 *   (all id-less calls to one party kind count together): a numberless call is not assumed to be to any
 *   recorded number, so a breach is only reported when it is certain. The call beyond
 *   `maxCallsPerNumberPerDay` and every later one that day is a breach.
 * - thirdPartyWhileReachable: an attempt of any channel to party `contact` is allowed only when the
 *   borrower's latest recorded attempt failed (so {@link ContactFacts.borrowerUnreachableSince} is set)
 *   and the borrower was not reached earlier on the same local day. Otherwise — reached and not failed
 *   since, reached earlier today, or never tried — the borrower is presumed reachable and it is a
 *   breach. Guarantors are parties to the debt, not third parties: never this breach.
 * - Reachability (P-CS-4): a borrower attempt with outcome `reached`, `promiseToPay` or `refused` (the
 *   borrower answered) reaches the borrower on any channel; `noAnswer` and `unreachable` fail. A reach
 *   clears the unreachable-since date; a failure sets it if unset (keeping the earlier date if
 *   attempts arrive out of local-date order).
 * - Per-day counts of a day no longer kept ({@link CONTACT_DAYS_KEPT}), possible only when `at`
 *   disagrees with `on` by a week, are not counted and cannot give tooManyCalls.
 *
 * @example
 * ```ts
 * const t = createContactTracker('Asia/Shanghai', { quietFrom: '22:00', quietTo: '08:00', maxCallsPerNumberPerDay: 6 });
 * recordContact(t, { id: 'c1', on: day('2026-03-01'), at: '2026-03-01T14:30:00Z', party: 'borrower', channel: 'phone', outcome: 'noAnswer' });
 * // [{ ruleId: 'P-CS-11', kind: 'quietHours', message: 'Contact attempt c1 (phone) at 22:30 local time …' }]
 * ```
 */
export function recordContact(tracker: ContactTracker, e: ContactAttemptEvent): readonly ContactBreach[] {
  const t = tracker as TrackerState;
  let breaches: ContactBreach[] | undefined;

  const local = localMillis(t.clock, e.at);
  let d = e.on;
  if (local !== undefined) {
    const localDay = Math.floor(local / DAY_MS);
    d = localDay as Day;
    const minute = Math.floor((local - localDay * DAY_MS) / 60_000);
    if (e.channel !== 'letter' && isQuiet(t, minute)) (breaches ??= []).push(breach('quietHours', text.quietHours(t, e, minute)));
  }

  const slot = writeSlot(t, d);
  if (slot !== undefined) {
    const partyIndex = PARTIES.indexOf(e.party);
    const channelIndex = CHANNELS.indexOf(e.channel);
    if (partyIndex >= 0 && channelIndex >= 0) {
      const i = partyIndex * CHANNELS.length + channelIndex;
      slot.attempts[i] = (slot.attempts[i] ?? 0) + 1;
    }
    if (e.channel === 'phone') {
      const key = partyKey(e.party, e.partyId);
      increment(slot.callsByParty, key);
      const n = e.number === undefined ? increment(slot.numberlessCalls, key) : increment(slot.callsByNumber, normalizePhoneNumber(e.number));
      if (n > t.limits.maxCallsPerNumberPerDay) (breaches ??= []).push(breach('tooManyCalls', text.tooManyCalls(t, e, d, n)));
    }
  }

  if (e.party === 'contact') {
    const unreachable = t.unreachableSince !== undefined && (t.lastReachOn === undefined || t.lastReachOn < d);
    if (!unreachable) (breaches ??= []).push(breach('thirdPartyWhileReachable', text.thirdParty(t, e)));
  } else if (e.party === 'borrower') {
    t.lastBorrowerAttemptOn = t.lastBorrowerAttemptOn === undefined || d > t.lastBorrowerAttemptOn ? d : t.lastBorrowerAttemptOn;
    if (e.outcome === 'noAnswer' || e.outcome === 'unreachable') {
      if (t.unreachableSince === undefined || d < t.unreachableSince) t.unreachableSince = d;
    } else {
      t.unreachableSince = undefined;
      if (t.lastReachOn === undefined || d > t.lastReachOn) t.lastReachOn = d;
    }
  }

  return breaches ?? NO_BREACHES;
}

/**
 * Attempts to a party on a local day, on one channel or (without `channel`) all; 0 for a day not kept.
 *
 * @example
 * ```ts
 * attemptsOn(tracker, day('2026-03-02'), 'contact'); // third-party attempts that day
 * attemptsOn(tracker, day('2026-03-02'), 'borrower', 'sms');
 * ```
 */
export function attemptsOn(tracker: ContactTracker, d: Day, party: ContactAttemptEvent['party'], channel?: ContactAttemptEvent['channel']): number {
  const slot = readSlot(tracker as TrackerState, d);
  if (slot === undefined) return 0;
  const base = PARTIES.indexOf(party) * CHANNELS.length;
  if (channel !== undefined) return slot.attempts[base + CHANNELS.indexOf(channel)] ?? 0;
  let n = 0;
  for (let c = 0; c < CHANNELS.length; c++) n += slot.attempts[base + c] ?? 0;
  return n;
}

/**
 * Phone calls to the borrower on a local day (P-CS-2: 2 a day in T+1..T+3); 0 for a day not kept.
 *
 * @example
 * ```ts
 * borrowerCallsOn(tracker, day('2026-03-02')) >= 2;
 * ```
 */
export function borrowerCallsOn(tracker: ContactTracker, d: Day): number {
  return attemptsOn(tracker, d, 'borrower', 'phone');
}

/**
 * Phone calls to one party (with or without a number) on a local day — P-CS-3's "unanswered contacts
 * 2 calls per day" per contact. Without `partyId` it counts the calls that recorded no party id.
 *
 * @example
 * ```ts
 * callsToPartyOn(tracker, day('2026-03-05'), 'contact', 'c1'); // 2
 * ```
 */
export function callsToPartyOn(tracker: ContactTracker, d: Day, party: ContactAttemptEvent['party'], partyId?: string): number {
  return readSlot(tracker as TrackerState, d)?.callsByParty.get(partyKey(party, partyId)) ?? 0;
}

const unreachableDays = (since: Day | undefined, d: Day): number => (since === undefined ? 0 : Math.max(0, d - since + 1));

/**
 * `contactFacts(tracker, d).borrowerUnreachableSince` without the day's attempt counts, which the
 * engine's daily fact refresh and wake computation do not read.
 *
 * @example
 * ```ts
 * // failed on 03-02 and 03-03, never answered since
 * borrowerUnreachableSince(tracker); // day('2026-03-02')
 * ```
 */
export function borrowerUnreachableSince(tracker: ContactTracker): Day | undefined {
  return (tracker as TrackerState).unreachableSince;
}

/**
 * `contactFacts(tracker, d).borrowerUnreachableDays` without the day's attempt counts.
 *
 * @example
 * ```ts
 * borrowerUnreachableDays(tracker, day('2026-03-06')); // 5 → lost contact (P-CS-4)
 * ```
 */
export function borrowerUnreachableDays(tracker: ContactTracker, d: Day): number {
  return unreachableDays((tracker as TrackerState).unreachableSince, d);
}

/**
 * Contact facts at the end of local day `d`, after every attempt of `d` was recorded. The
 * reachability fields reflect all attempts recorded so far (the engine asks day by day, so that is
 * "up to `d`").
 *
 * @example
 * ```ts
 * // failed on 03-02 and 03-03, never answered since
 * contactFacts(tracker, day('2026-03-06')).borrowerUnreachableDays; // 5 → lost contact (P-CS-4)
 * ```
 */
export function contactFacts(tracker: ContactTracker, d: Day): ContactFacts {
  const t = tracker as TrackerState;
  const since = t.unreachableSince;
  return {
    borrowerUnreachableSince: since,
    borrowerUnreachableDays: unreachableDays(since, d),
    lastBorrowerReachOn: t.lastReachOn,
    lastBorrowerAttemptOn: t.lastBorrowerAttemptOn,
    borrowerAttemptsToday: attemptsOn(t, d, 'borrower'),
    borrowerCallsToday: attemptsOn(t, d, 'borrower', 'phone'),
    thirdPartyAttemptsToday: attemptsOn(t, d, 'contact'),
  };
}

/**
 * A contact tracker's state as plain JSON, for loan snapshots (`engine/snapshot.ts`), format 5: a slot
 * keeps its non-zero attempt counts only, as `[index, count, …]` (index in party × channel order, the
 * rest 0), and only the call maps that have entries. A slot is null when it never held a day.
 */
export interface ContactTrackerState {
  readonly slots: readonly ({
    readonly day: number;
    readonly attempts: readonly number[];
    readonly calls?: readonly (readonly [string, number])[];
    readonly byParty?: readonly (readonly [string, number])[];
    readonly numberless?: readonly (readonly [string, number])[];
  } | null)[];
  readonly lastReachOn: number | null;
  readonly unreachableSince: number | null;
  readonly lastBorrowerAttemptOn: number | null;
}

/** The state of formats 1–4: every attempt count of a slot, and every call map, empty or not. */
export interface ContactTrackerStateFormat4 extends Omit<ContactTrackerState, 'slots'> {
  readonly slots: readonly ({ readonly day: number; readonly attempts: readonly number[]; readonly calls: readonly (readonly [string, number])[]; readonly byParty: readonly (readonly [string, number])[]; readonly numberless: readonly (readonly [string, number])[] } | null)[];
}

/** A format-4 state in format 5 (a snapshot written before format 5, restored). */
export function contactsFromFormat4(state: ContactTrackerStateFormat4): ContactTrackerState {
  return {
    lastBorrowerAttemptOn: state.lastBorrowerAttemptOn,
    lastReachOn: state.lastReachOn,
    slots: state.slots.map((s) => (s === null ? null : slotState(s.attempts, s.byParty, s.calls, s.day, s.numberless))),
    unreachableSince: state.unreachableSince,
  };
}

/** A slot's stored form, keys in sorted order (the snapshot's JSON text is its canonical JSON): the non-zero counts, the non-empty maps. */
function slotState(counts: ArrayLike<number>, byParty: readonly (readonly [string, number])[], calls: readonly (readonly [string, number])[], d: number, numberless: readonly (readonly [string, number])[]): ContactTrackerState['slots'][number] {
  const attempts: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) attempts.push(i, counts[i] as number);
  type Slot = NonNullable<ContactTrackerState['slots'][number]>;
  const slot: { -readonly [K in keyof Slot]?: Slot[K] } = { attempts };
  if (byParty.length > 0) slot.byParty = byParty;
  if (calls.length > 0) slot.calls = calls;
  slot.day = d;
  if (numberless.length > 0) slot.numberless = numberless;
  // `day` is set above; the type cannot follow assignments one by one.
  return slot as Slot;
}

const NO_ENTRIES: readonly (readonly [string, number])[] = [];

/** A map's entries in insertion order; most of a slot's maps are empty, and need no iterator. */
function entriesOf<V>(m: ReadonlyMap<string, V>): readonly (readonly [string, V])[] {
  return m.size === 0 ? (NO_ENTRIES as readonly (readonly [string, V])[]) : [...m];
}

/** A map from stored entries (an empty one without an iterator). */
function mapOf<V>(entries: readonly (readonly [string, V])[] | undefined): Map<string, V> {
  return entries === undefined || entries.length === 0 ? new Map<string, V>() : new Map(entries);
}

/** The tracker's state as plain JSON (maps as entry lists, in insertion order). */
export function persistContacts(tracker: ContactTracker): ContactTrackerState {
  const t = tracker as TrackerState;
  const slots: ContactTrackerState['slots'][number][] = [];
  for (const s of t.slots) {
    slots.push(s === undefined ? null : slotState(s.attempts, entriesOf(s.callsByParty), entriesOf(s.callsByNumber), s.day, entriesOf(s.numberlessCalls)));
  }
  // Keys in sorted order, as every object of a snapshot has them (its checksum is taken from its JSON text).
  return {
    lastBorrowerAttemptOn: t.lastBorrowerAttemptOn ?? null,
    lastReachOn: t.lastReachOn ?? null,
    slots,
    unreachableSince: t.unreachableSince ?? null,
  };
}

/** Puts a persisted state back into a fresh tracker (made with the same zone and limits). */
export function restoreContacts(tracker: ContactTracker, state: ContactTrackerState): void {
  const t = tracker as TrackerState;
  const { slots } = state;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i] as ContactTrackerState['slots'][number];
    if (s === null) {
      t.slots[i] = undefined;
      continue;
    }
    const attempts = new Int32Array(PARTIES.length * CHANNELS.length);
    const sparse = s.attempts;
    for (let j = 0; j + 1 < sparse.length; j += 2) attempts[sparse[j] as number] = sparse[j + 1] as number;
    t.slots[i] = { day: s.day, attempts, callsByNumber: mapOf(s.calls), callsByParty: mapOf(s.byParty), numberlessCalls: mapOf(s.numberless) };
  }
  t.lastReachOn = (state.lastReachOn ?? undefined) as Day | undefined;
  t.unreachableSince = (state.unreachableSince ?? undefined) as Day | undefined;
  t.lastBorrowerAttemptOn = (state.lastBorrowerAttemptOn ?? undefined) as Day | undefined;
}
