import {
  fail,
  formatPath,
  fromZodIssues,
  ok,
  parseJson,
  unwrap,
  type IssueCode,
  type PathSegment,
  type PostloanIssue,
  type Result,
} from '../errors';
import { loanContractSchema, type LoanContract } from '../contract/LoanContract';
import { contractText, type IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';
import { isRecord } from '../contract/primitives';
import type { Instalment } from '../contract/schedule';
import { contractSchedule } from '../contract/contractSchedule';
import { parseDay, type Day } from '../time/day';
import { acceptEvent } from './acceptEvent';
import { acceptLoan } from '../contract/acceptLoan';
import { loanEventSchema, type LoanEvent } from './events';
import { historyText as text } from './messages';
import { reversalIssues } from './reversalIssues';
import { sortEvents } from './sortEvents';
import { appendAll } from '../errors/appendAll';
import { ownProtoKeyPaths } from '../errors/ownProtoKeys';
import { jsonText } from '../errors/jsonMessages';

/** Re-exported so callers of {@link parseHistory} find the event type next to it (see `events.ts`). */
export type { LoanEvent } from './events';

/**
 * A validated loan history: the contract, its repayment schedule, and its events in replay order
 * (by day, then contact-attempt time, then file order; exact repeats of an event removed).
 *
 * @example
 * ```ts
 * const { loan, schedule, events }: History = parseHistoryOrThrow(text, 'history.json');
 * ```
 */
export interface History {
  readonly loan: LoanContract;
  readonly schedule: readonly Instalment[];
  readonly events: readonly LoanEvent[];
}

/** `$schema` lets editors validate the file against the shipped JSON Schema; postloan ignores it. */
const HISTORY_KEYS = ['$schema', 'loan', 'events'];

/** `fromZodIssues` words its hint from the offending input, which zod drops unless asked to keep it. */
const ZOD_OPTIONS = { reportInput: true } as const;

/** Deep equality of JSON values, ignoring key order (a re-exported event may list keys differently). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** What the event checks need to know of the loan, taken from the raw file when the loan itself is invalid. */
interface LoanFacts {
  readonly disbursedOn: Day | undefined;
  /** The ids each contact `party` may name, of a valid loan only: ids from a broken loan would produce follow-on noise. */
  readonly parties: Readonly<Record<string, readonly string[]>> | undefined;
  readonly collateralIds: readonly string[] | undefined;
}

function loanFacts(loan: LoanContract | undefined, rawDisbursedOn: Day | undefined): LoanFacts {
  if (loan === undefined) return { disbursedOn: rawDisbursedOn, parties: undefined, collateralIds: undefined };
  return {
    disbursedOn: loan.disbursedOn,
    parties: {
      borrower: [loan.borrower.id],
      contact: loan.borrower.contacts.map((c) => c.id),
      guarantor: loan.guarantors.map((g) => g.id),
    },
    collateralIds: loan.collateral.map((c) => c.id),
  };
}

/** Reports a problem of the event at `index` of the file's `events`. */
type EventIssue = (index: number, code: IssueCode, t: IssueText, path: PathSegment[]) => void;

/**
 * Checks that relate an event to its loan: date after disbursement, parties and collateral that exist.
 * `e` is the raw event, or the accepted one (its strings are the raw ones); `on` its parsed day, if any.
 */
function checkAgainstLoan(e: Readonly<Record<string, unknown>>, on: Day | undefined, facts: LoanFacts, index: number, eventIssue: EventIssue): void {
  const issue = (code: IssueCode, t: IssueText, path: PathSegment[]): void => eventIssue(index, code, t, path);
  if (on !== undefined && facts.disbursedOn !== undefined && on < facts.disbursedOn) {
    issue('event.beforeDisbursement', text.eventBeforeDisbursement(String(e.id), on, facts.disbursedOn), ['on']);
  }
  const { parties, collateralIds } = facts;
  if (parties === undefined || collateralIds === undefined) return;
  if ((e.type === 'contactAttempt' || e.type === 'noticeSent') && typeof e.partyId === 'string' && typeof e.party === 'string') {
    const known = Object.hasOwn(parties, e.party) ? parties[e.party] : undefined;
    if (known !== undefined && !known.includes(e.partyId)) {
      issue('input.invalid', text.unknownParty(e.party, e.partyId, known), ['partyId']);
    }
  }
  if (e.type === 'collateralValuation' && typeof e.collateralId === 'string' && !collateralIds.includes(e.collateralId)) {
    issue('input.invalid', text.unknownCollateral(e.collateralId, collateralIds), ['collateralId']);
  }
}

/**
 * Checks a loan contract in the history-file form (`loan` of a history file) on its own, without
 * generating its schedule: what a snapshot restore needs, since the snapshot has the schedule in force.
 * Paths start at `loan`.
 *
 * @example
 * ```ts
 * const r = parseLoanValue(snapshot.loan, 'L-1.snapshot.json');
 * if (r.ok) r.value.principal; // fen
 * ```
 */
export function parseLoanValue(value: unknown, file: string): Result<LoanContract> {
  if (!isRecord(value)) {
    const t = text.loanNotObject(value);
    return fail([issueFrom({ code: 'input.invalid', file, path: 'loan' }, t)]);
  }
  const accepted = acceptLoan(value);
  if (accepted !== undefined) return ok(accepted);
  const parsed = loanContractSchema.safeParse(value, ZOD_OPTIONS);
  const issues = parsed.success ? [] : fromZodIssues(parsed.error.issues, file, ['loan']);
  appendAll(issues, protoKeyIssues(value, file, ['loan']));
  return parsed.success && issues.length === 0 ? ok(parsed.data) : fail(issues);
}

/**
 * `json.forbiddenKey` for every own `__proto__` key of a value zod checked: zod drops such a key
 * silently (decision 432), so the value path refuses it here, with the issue the text path gives.
 * Called only where zod ran, which the fast checks leave every object with such a key to.
 */
function protoKeyIssues(value: unknown, file: string, prefix: readonly PathSegment[]): PostloanIssue[] {
  return ownProtoKeyPaths(value).map((path) => issueFrom({ code: 'json.forbiddenKey', file, path: formatPath([...prefix, ...path]) }, jsonText.forbiddenKey('__proto__')));
}

/**
 * The most events one loan's history may hold (decision in docs/decisions.md): replay is linear in the
 * events, and at this limit a replay takes seconds, not minutes. A longer history is refused at parse time.
 *
 * @example
 * ```ts
 * if (rows.length > MAX_EVENTS_PER_LOAN) archiveAndSnapshot(loanId);
 * ```
 */
export const MAX_EVENTS_PER_LOAN = 50_000;

/**
 * Validates an already parsed JSON history (see {@link parseHistory}).
 *
 * @example
 * ```ts
 * const r = parseHistoryValue(JSON.parse(text), 'history.json');
 * if (r.ok) r.value.events.length;
 * ```
 */
export function parseHistoryValue(value: unknown, file: string): Result<History> {
  return checkHistoryValue(value, file, true);
}

/**
 * {@link parseHistoryValue}, with the fast checks of the loan and its events on or off: off, everything
 * goes through zod (the differential tests compare the two; the result must not differ). Internal.
 */
export function checkHistoryValue(value: unknown, file: string, fast: boolean): Result<History> {
  const issues: PostloanIssue[] = [];
  const issueAt =
    (prefix: readonly PathSegment[]) =>
    (code: IssueCode, t: IssueText, path: readonly PathSegment[] = []): void => {
      issues.push(issueFrom({ code, file, path: formatPath([...prefix, ...path]) }, t));
    };
  const root = issueAt([]);
  if (!isRecord(value)) {
    root('input.invalid', text.historyNotObject(value));
    return fail(issues);
  }
  for (const key of Object.keys(value)) {
    if (!HISTORY_KEYS.includes(key)) root('input.invalid', contractText.unknownKey(key, HISTORY_KEYS), [key]);
  }

  let loan: LoanContract | undefined;
  if (value.loan === undefined) root('input.invalid', text.loanMissing(), ['loan']);
  else if (!isRecord(value.loan)) root('input.invalid', text.loanNotObject(value.loan), ['loan']);
  else {
    // zod only for what the fast check does not accept, as for events below.
    loan = fast ? acceptLoan(value.loan) : undefined;
    if (loan === undefined) {
      const parsed = loanContractSchema.safeParse(value.loan, ZOD_OPTIONS);
      if (parsed.success) loan = parsed.data;
      else appendAll(issues, fromZodIssues(parsed.error.issues, file, ['loan']));
      appendAll(issues, protoKeyIssues(value.loan, file, ['loan']));
    }
  }
  // The raw date only for a loan that failed: a valid one has parsed it already.
  const rawDisbursedOn = loan === undefined && isRecord(value.loan) && typeof value.loan.disbursedOn === 'string' ? parseDay(value.loan.disbursedOn) : undefined;
  const facts = loanFacts(loan, rawDisbursedOn);

  let rawEvents: readonly unknown[] = [];
  if (Array.isArray(value.events)) rawEvents = value.events;
  else if (value.events !== undefined) root('input.invalid', text.eventsNotArray(value.events), ['events']);
  if (rawEvents.length > MAX_EVENTS_PER_LOAN) {
    // Refused before parsing a single event: a history this long is an export gone wrong, and checking
    // it event by event would take as long as the replay it cannot get.
    root('input.invalid', {
      message: `The history has ${rawEvents.length} events; postloan replays at most ${MAX_EVENTS_PER_LOAN} events per loan`,
      hint: 'check the export (one loan per file, no repeated feed); a loan with a longer history must be archived and started from a snapshot',
    }, ['events']);
    return fail(issues);
  }

  const events: LoanEvent[] = [];
  const firstIndexOfId = new Map<string, number>();
  const eventIssue: EventIssue = (index, code, t, path) => issueAt(['events', index])(code, t, path);
  for (let index = 0; index < rawEvents.length; index++) {
    // A hole of a sparse array (only a JS caller makes one) is skipped, as `forEach` always did.
    if (!(index in rawEvents)) continue;
    const raw = rawEvents[index];
    const id = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    if (id !== undefined) {
      const first = firstIndexOfId.get(id);
      if (first === undefined) firstIndexOfId.set(id, index);
      // An exact repeat is what an export re-run or a retried upload produces: keep the first, silently.
      else if (jsonEqual(rawEvents[first], raw)) continue;
      else eventIssue(index, 'event.duplicateId', text.duplicateEventId(id, first, index), ['id']);
    }
    // zod only for what the fast check does not accept: it alone words the issues.
    const accepted = fast ? acceptEvent(raw, index) : undefined;
    if (accepted !== undefined) {
      events.push(accepted);
      checkAgainstLoan(accepted, accepted.on, facts, index, eventIssue);
      continue;
    }
    const parsed = loanEventSchema.safeParse(raw, ZOD_OPTIONS);
    if (parsed.success) events.push({ ...parsed.data, seq: index });
    else appendAll(issues, fromZodIssues(parsed.error.issues, file, ['events', index]));
    appendAll(issues, protoKeyIssues(raw, file, ['events', index]));
    if (isRecord(raw)) checkAgainstLoan(raw, typeof raw.on === 'string' ? parseDay(raw.on) : undefined, facts, index, eventIssue);
  }

  // Across events: a reversal must name an event it may undo (file order decides which of two is the repeat).
  appendAll(issues, reversalIssues(events, { file, exists: (id) => firstIndexOfId.has(id) }));
  if (issues.length > 0 || loan === undefined) return fail(issues);
  // Generated once for this contract object: the run's snapshot compares the schedule in force with it.
  return ok({ loan, schedule: contractSchedule(loan), events: sortEvents(events) });
}

/**
 * Reads a loan history file (`postloan replay`'s input): safe JSON parsing, then the loan contract
 * and every event validated, with all problems of the file reported together, each with the file,
 * the JSON path (`events[3].amount`) and a hint. On success the schedule is generated and the events
 * are sorted for replay.
 *
 * @example
 * ```ts
 * const r = parseHistory(readFileSync('history.json', 'utf8'), 'history.json');
 * if (!r.ok) console.error(formatIssues(r.issues));
 * else console.log(r.value.schedule.length, r.value.events.length);
 * ```
 */
export function parseHistory(text: string, file: string): Result<History> {
  const json = parseJson(text, file);
  return json.ok ? parseHistoryValue(json.value, file) : fail(json.issues);
}

/**
 * {@link parseHistory} that throws a `PostloanError` carrying every issue.
 *
 * @example
 * ```ts
 * const history = parseHistoryOrThrow(text, 'history.json');
 * ```
 */
export function parseHistoryOrThrow(text: string, file: string): History {
  return unwrap(parseHistory(text, file));
}
