import type { Instalment } from '../contract/schedule';
import type { LoanContract } from '../contract/LoanContract';
import type { LoanEvent } from '../history/parseHistory';
import type { Ledger } from '../ledger/ledger';
import type { Offset, TaskParams } from '../rules/decisions';
import type { Facts } from '../rules/facts';
import type { CompiledPack, CompiledRule } from '../rules/loadPack';
import { eventCloses } from '../rules/taskKinds';
import { addDays, addMonths, formatDay, fromCivil, toCivil, type Day } from '../time/day';
import { PostloanError } from '../errors/PostloanError';
import type { TaskOutput, TimelineEntry } from './output';

type TaskRule = CompiledRule & { readonly decision: { readonly type: 'task' } & TaskParams };

/** A task while a replay runs. */
interface Task {
  readonly id: string;
  readonly kind: string;
  readonly ruleId: string;
  readonly rule: TaskRule;
  readonly party: string;
  readonly openedOn: Day;
  readonly dueOn: Day;
  readonly anchorOn: Day;
  /** 1-based instalment number for instalment anchors. */
  readonly instalment?: number;
  /** Position of that instalment in the schedule in force (numbers are never reused after a restructuring). */
  readonly slot?: number;
  /** Events needed to do the task (`times`), and how many have counted so far. */
  readonly times: number;
  progress: number;
  status: TaskOutput['status'];
  breachRecorded: boolean;
  closedOn?: Day;
  closedBy?: string;
  reason?: string;
}

/**
 * Closed tasks left out of a lean snapshot: their ids without the `loanId/` prefix, and a set of them
 * built only when a task is about to be raised (most restored loans raise none before they are saved).
 */
interface Retired {
  readonly ids: string[];
  set: Set<string> | undefined;
}

interface RuleCursor {
  /** Next instalment (index) or period end to consider. */
  next: number;
  holding: boolean;
  holdingSince: Day;
  /** Single-anchor instances already considered, by key. */
  readonly considered: Set<string>;
  /** The open date of the next instance, cached for the cursor position (or anchor day) it was computed for. */
  wakeKey: number;
  wakeOn: Day;
  /** The period of `next`, for period anchors. */
  periodKey: number;
  period: { readonly start: Day; readonly end: Day; readonly label: string } | undefined;
}

/** The date of a once-per-loan anchor; undefined when there is none (no schedule, or settled for the limitation). */
function singleAnchor(book: TaskBook, anchor: 'disbursement' | 'maturity' | 'missedMaturity' | 'limitationExpiry'): Day | undefined {
  if (anchor === 'disbursement') return book.loan.disbursedOn;
  if (anchor === 'limitationExpiry') return book.limitationExpiry;
  const n = book.schedule.length;
  return n > 0 ? (book.schedule[n - 1] as Instalment).dueOn : undefined;
}

/** Task key of a once-per-loan anchor; the limitation expiry moves, so its key says which one. */
function singleKey(anchor: string, d: Day): string {
  return `${anchor === 'limitationExpiry' ? 'expiry-' : ''}${formatDay(d)}`;
}

/**
 * Whether a rule held on an instance's open day: the answer before this evaluation for a day skipped
 * since the last one (answers are constant between evaluations), else today's answer.
 */
function heldOn(opened: Day, t: Day, before: boolean, now: boolean): boolean {
  return opened < t ? before : now;
}

function clampOpen(disbursed: Day, opened: Day): Day {
  return opened < disbursed ? disbursed : opened;
}

/** Open date of the next instance, computed once per cursor position: evaluations and wake checks both ask. */
function cachedWake(c: RuleCursor, key: number, compute: () => Day): Day {
  if (c.wakeKey !== key) {
    c.wakeKey = key;
    c.wakeOn = compute();
  }
  return c.wakeOn;
}

function cachedPeriod(c: RuleCursor, anchor: PeriodAnchor, from: Day): { readonly start: Day; readonly end: Day; readonly label: string } {
  if (c.periodKey !== c.next || c.period === undefined) {
    c.periodKey = c.next;
    c.period = periodOf(anchor, from, c.next);
  }
  return c.period;
}

/** Task state of one replay: the tasks raised so far and where each rule has got to. */
export interface TaskBook {
  readonly pack: CompiledPack;
  readonly loan: LoanContract;
  /** The schedule in force (the ledger's; replaced by a restructuring or extension). */
  schedule: readonly Instalment[];
  readonly ledger: Ledger;
  readonly timeline: TimelineEntry[];
  readonly tasks: Task[];
  readonly byId: Map<string, Task>;
  /**
   * Ids of tasks closed (done, late or cancelled) before a lean snapshot, which left the tasks out: they
   * are never raised again, and are not in the output of the resumed replay.
   */
  readonly retired: Retired;
  /** Tasks open now (not yet due or due today): the only ones breach, cancel and wake checks look at. */
  open: Task[];
  /** Breached tasks by kind: they can still be done late, and a rolling one blocks the next. */
  readonly breached: Map<string, Task[]>;
  /** Task kinds each event type can do (from the pack's task kinds). */
  readonly closers: ReadonlyMap<string, readonly string[]>;
  /** One cursor per task rule, in `pack.rulesByType.task` order. */
  readonly cursors: RuleCursor[];
  /** Whether each task rule held at the last evaluation, by rule id (for cancellation and rolling). */
  readonly holds: Map<string, boolean>;
  /** Last day a task of `kind|party` was done, for rolling requirements. */
  readonly lastDone: Map<string, Day>;
  /** `eventId|kind` pairs already used: one event does one task of each kind, once. */
  readonly consumed: Set<string>;
  /** Events of the day being processed, for tasks the same day's evaluation opens. */
  today: LoanEvent[];
  readonly calendarWarnings: Set<string>;
  /** Current statute-of-limitations expiry (P-NT-7), undefined once settled. */
  limitationExpiry: Day | undefined;
}

const closerCache = new WeakMap<CompiledPack, ReadonlyMap<string, readonly string[]>>();

/** Event type → the task kinds it can do, computed once per pack. */
function closersOf(pack: CompiledPack): ReadonlyMap<string, readonly string[]> {
  let m = closerCache.get(pack);
  if (m === undefined) {
    const built = new Map<string, string[]>();
    for (const [kind, def] of Object.entries(pack.taskKinds)) {
      for (const c of def.closedBy) {
        const list = built.get(c.event) ?? [];
        if (!list.includes(kind)) list.push(kind);
        built.set(c.event, list);
      }
    }
    m = built;
    closerCache.set(pack, m);
  }
  return m;
}

/** A fresh task book for a replay. */
export function createTaskBook(pack: CompiledPack, loan: LoanContract, schedule: readonly Instalment[], ledger: Ledger, timeline: TimelineEntry[]): TaskBook {
  return {
    pack,
    loan,
    schedule,
    ledger,
    timeline,
    tasks: [],
    byId: new Map(),
    retired: { ids: [], set: undefined },
    open: [],
    breached: new Map(),
    closers: closersOf(pack),
    cursors: pack.rulesByType.task.map(() => ({
      next: 0,
      holding: false,
      holdingSince: loan.disbursedOn,
      considered: new Set<string>(),
      wakeKey: Number.NaN,
      wakeOn: loan.disbursedOn,
      periodKey: -1,
      period: undefined,
    })),
    holds: new Map(),
    lastDone: new Map(),
    consumed: new Set(),
    today: [],
    calendarWarnings: new Set(),
    limitationExpiry: undefined,
  };
}

/** `d` moved by an offset: calendar days, calendar months, or working days on the pack's calendar. */
export function applyOffset(book: TaskBook, d: Day, offset: Offset): Day {
  if ('days' in offset) return addDays(d, offset.days);
  if ('months' in offset) return addMonths(d, offset.months);
  return book.pack.calendar.addWorkingDays(d, offset.workingDays);
}

/**
 * Like {@link applyOffset}, for looking ahead: undefined instead of an error when a strict calendar does
 * not cover the dates. Only a task that actually opens needs its deadline, and then the error stands.
 */
function lookAhead(book: TaskBook, d: Day, offset: Offset): Day | undefined {
  try {
    return applyOffset(book, d, offset);
  } catch (e) {
    if (e instanceof PostloanError && e.issues.every((i) => i.code === 'calendar.outOfCoverage')) return undefined;
    throw e;
  }
}

/** An early bound for `d` moved by an offset whose exact value the calendar cannot give: safe to wake at. */
function earliest(d: Day, offset: Offset): Day {
  if ('workingDays' in offset && offset.workingDays < 0) return addDays(d, 2 * offset.workingDays - 15);
  if ('days' in offset && offset.days < 0) return addDays(d, offset.days);
  if ('months' in offset && offset.months < 0) return addMonths(d, offset.months);
  return d;
}

/**
 * A task whose working-day deadline was counted outside the calendar's coverage (the pack allows the
 * weekends-only fallback) gets a warning, once per calendar year: a guessed date is never silent.
 */
function warnIfGuessed(book: TaskBook, p: TaskParams, anchor: Day, due: Day, on: Day): void {
  const usesWorkingDays = 'workingDays' in p.due || (typeof p.opens === 'object' && 'workingDays' in p.opens);
  const cal = book.pack.calendar;
  if (!usesWorkingDays || (cal.covers(anchor) && cal.covers(due))) return;
  const year = String(toCivil(cal.covers(anchor) ? due : anchor).year);
  if (book.calendarWarnings.has(year)) return;
  book.calendarWarnings.add(year);
  book.timeline.push({
    on: formatDay(on),
    kind: 'warning',
    ruleIds: [],
    message: `Working days in ${year} are counted as Monday to Friday: business calendar "${cal.id}" covers ${formatDay(cal.coverage.from)} to ${formatDay(cal.coverage.to)} (calendarFallback "weekends")`,
  });
}

const PERIOD_MONTHS = { monthEnd: 1, quarterEnd: 3, halfYearEnd: 6, yearEnd: 12 } as const;
type PeriodAnchor = keyof typeof PERIOD_MONTHS;

function isPeriodAnchor(a: string): a is PeriodAnchor {
  return a in PERIOD_MONTHS;
}

/** The k-th period end (k = 0 is the period containing `from`), and its first day. */
function periodOf(anchor: PeriodAnchor, from: Day, k: number): { start: Day; end: Day; label: string } {
  const len = PERIOD_MONTHS[anchor];
  const { year, month } = toCivil(from);
  const index = Math.floor((year * 12 + month - 1) / len) + k;
  const startMonth = index * len;
  const y = Math.floor(startMonth / 12);
  const m = startMonth - y * 12 + 1;
  const start = fromCivil(y, m, 1) as Day;
  const end = addDays(addMonths(start, len), -1);
  const label =
    anchor === 'monthEnd' ? `${y}-${String(m).padStart(2, '0')}` : anchor === 'quarterEnd' ? `${y}-Q${(m + 2) / 3}` : anchor === 'halfYearEnd' ? `${y}-H${m === 1 ? 1 : 2}` : `${y}`;
  return { start, end, label };
}

function partiesOf(book: TaskBook, p: TaskParams): string[] {
  switch (p.party) {
    case 'eachGuarantor':
      return book.loan.guarantors.map((g) => g.id);
    case 'eachCollateral':
      return book.loan.collateral.map((c) => c.id);
    case 'eachContact':
      return book.loan.borrower.contacts.map((c) => c.id);
    default:
      return [p.party];
  }
}

/** Open date: explicit `opens`, else the anchor, or the due date when the deadline is before the anchor. */
function openOf(book: TaskBook, p: TaskParams, anchor: Day, due: Day, periodStart: Day | undefined): Day {
  if (p.opens === 'periodStart') return periodStart ?? anchor;
  if (p.opens !== undefined) return applyOffset(book, anchor, p.opens);
  return due < anchor ? due : anchor;
}

/** A missed instalment's task opens the day after the due date, or later with `opens` (T+2, T+4 …). */
function missedOpen(book: TaskBook, p: TaskParams, dueOn: Day): Day {
  const next = addDays(dueOn, 1);
  if (p.opens === undefined || p.opens === 'periodStart') return next;
  const at = applyOffset(book, dueOn, p.opens);
  return at > next ? at : next;
}

function offsetKey(o: Offset | 'periodStart'): string {
  if (o === 'periodStart') return 'p';
  return 'days' in o ? `${o.days}d` : 'months' in o ? `${o.months}m` : `${o.workingDays}wd`;
}

/**
 * A restructuring or extension replaced the schedule on day `t` from position `from`: open tasks of the
 * instalments and maturity it replaced are cancelled with that reason, and every rule looks at the new
 * instalments from the start.
 */
export function scheduleReplaced(book: TaskBook, t: Day, from: number, why: string): void {
  book.schedule = book.ledger.schedule;
  const n = book.schedule.length;
  const maturity = n > 0 ? (book.schedule[n - 1] as Instalment).dueOn : undefined;
  for (const task of [...book.open]) {
    const a = task.rule.decision.anchor;
    if ((task.slot !== undefined && task.slot >= from) || ((a === 'maturity' || a === 'missedMaturity') && task.anchorOn !== maturity)) {
      cancel(book, task, t, `${why} on ${formatDay(t)}`);
    }
  }
  for (const c of book.cursors) {
    if (c.next > from) c.next = from;
    c.wakeKey = Number.NaN;
  }
}

/** A task of that id was raised before (it may have been left out of a lean snapshot since). */
function isTaken(book: TaskBook, id: string): boolean {
  if (book.byId.has(id)) return true;
  const r = book.retired;
  if (r.ids.length === 0) return false;
  // Built on first use: most nights a restored loan opens no task and never asks.
  r.set ??= new Set(r.ids);
  const prefix = `${book.loan.id}/`;
  return id.startsWith(prefix) && r.set.has(id.slice(prefix.length));
}

function isCleared(book: TaskBook, i: number): boolean {
  return (book.ledger.clearedOn[i] as number) >= 0;
}

function wasMissed(book: TaskBook, i: number): boolean {
  const cleared = book.ledger.clearedOn[i] as number;
  const due = (book.schedule[i] as Instalment).dueOn;
  return cleared < 0 || cleared > due;
}

function open(book: TaskBook, rule: TaskRule, key: string, anchor: Day, opened: Day, due: Day, t: Day, slot?: number, onlyParty?: string): void {
  const instalment = slot === undefined ? undefined : (book.schedule[slot] as Instalment).index;
  const p = rule.decision;
  for (const party of onlyParty === undefined ? partiesOf(book, p) : [onlyParty]) {
    const id = `${book.loan.id}/${p.kind}/${key}/${party}`;
    if (isTaken(book, id)) continue;
    const openedOn = (opened > t ? t : opened < book.loan.disbursedOn ? book.loan.disbursedOn : opened);
    const task: Task = {
      id,
      kind: p.kind,
      ruleId: rule.policyId,
      rule,
      party,
      openedOn,
      dueOn: due,
      anchorOn: anchor,
      ...(instalment === undefined || slot === undefined ? {} : { instalment, slot }),
      times: p.times ?? 1,
      progress: 0,
      status: 'open',
      breachRecorded: false,
    };
    warnIfGuessed(book, p, anchor, due, t);
    book.tasks.push(task);
    book.byId.set(id, task);
    book.open.push(task);
    book.timeline.push({ on: formatDay(t), kind: 'taskOpened', ruleIds: [rule.policyId], rules: [rule.id], taskId: id, taskKind: p.kind, party, dueOn: formatDay(due) });
    // The day's events may already have done it (a work-log entry written the day of the inspection).
    for (const e of book.today) if (e.on >= openedOn && tryClose(book, task, e)) break;
  }
}

function recordBreach(book: TaskBook, task: Task): void {
  if (task.breachRecorded) return;
  task.breachRecorded = true;
  book.timeline.push({ on: formatDay(addDays(task.dueOn, 1)), kind: 'taskBreached', ruleIds: [task.ruleId], taskId: task.id, taskKind: task.kind, party: task.party, dueOn: formatDay(task.dueOn) });
}

function tryClose(book: TaskBook, task: Task, e: LoanEvent): boolean {
  if (task.status !== 'open' && task.status !== 'breached') return false;
  if (e.on < task.openedOn) return false;
  if (book.consumed.has(`${e.id}|${task.kind}`)) return false;
  const def = book.pack.taskKinds[task.kind];
  if (def === undefined) return false;
  if (!def.lateAllowed && e.on > task.dueOn) return false;
  const raw = e as unknown as Readonly<Record<string, unknown>>;
  if (!def.closedBy.some((c) => eventCloses(c, raw, task.party))) return false;
  book.consumed.add(`${e.id}|${task.kind}`);
  // A task that needs several events (two calls a day, P-CS-2) counts them; the last one does it.
  task.progress++;
  if (task.progress < task.times) return false;
  const late = e.on > task.dueOn;
  if (late) recordBreach(book, task);
  const wasOpen = task.status === 'open';
  task.status = late ? 'late' : 'done';
  task.closedOn = e.on;
  task.closedBy = e.id;
  if (wasOpen) book.open = book.open.filter((k) => k !== task);
  else {
    const list = book.breached.get(task.kind);
    if (list !== undefined) book.breached.set(task.kind, list.filter((k) => k !== task));
  }
  book.lastDone.set(`${task.kind}|${task.party}`, e.on);
  book.timeline.push({ on: formatDay(e.on), kind: 'taskDone', ruleIds: [task.ruleId], taskId: task.id, taskKind: task.kind, party: task.party, eventId: e.id, ...(late ? { late: true } : {}) });
  return true;
}

/**
 * An event of the history closes, for each task kind it can close, the oldest open or breached task of
 * that kind for the matching party. Returns whether it closed anything.
 */
export function closeTasksWith(book: TaskBook, e: LoanEvent): boolean {
  const kinds = book.closers.get(e.type);
  if (kinds === undefined) return false;
  let closed = false;
  for (const kind of kinds) {
    // On-time work first: the current task of a kind before making up for a breached one.
    const candidates = [...book.open.filter((k) => k.kind === kind), ...(book.breached.get(kind) ?? [])];
    for (const task of candidates) {
      if (tryClose(book, task, e)) {
        closed = true;
        break;
      }
    }
  }
  return closed;
}

function cancel(book: TaskBook, task: Task, t: Day, reason: string): void {
  book.open = book.open.filter((k) => k !== task);
  task.status = 'cancelled';
  task.closedOn = t;
  task.reason = reason;
  book.timeline.push({ on: formatDay(t), kind: 'taskCancelled', ruleIds: [task.ruleId], taskId: task.id, taskKind: task.kind, party: task.party, reason });
}

/**
 * Raises, breaches and cancels tasks at the end of day `t`, after the day's events and the state
 * decisions. Task rules are evaluated against `facts`; instances are created the first time their open
 * date is reached while the rule holds.
 */
export function evaluateTasks(book: TaskBook, t: Day, facts: Facts): void {
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  const n = book.schedule.length;
  const holds = book.holds;
  const disbursed = book.loan.disbursedOn;

  // Breaches first: a task past its deadline at the end of a day is breached from the next day.
  if (book.open.some((k) => k.dueOn < t)) {
    const still: Task[] = [];
    for (const task of book.open) {
      if (task.dueOn >= t) {
        still.push(task);
        continue;
      }
      task.status = 'breached';
      recordBreach(book, task);
      const list = book.breached.get(task.kind);
      if (list === undefined) book.breached.set(task.kind, [task]);
      else list.push(task);
    }
    book.open = still;
  }

  for (const rule of rules) holds.set(rule.id, rule.test(facts));
  cancelUnneeded(book, t, facts, holds);

  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as TaskRule;
    const p = rule.decision;
    const c = book.cursors[r] as RuleCursor;
    const h = holds.get(rule.id) === true;
    // A rule's answer is constant between two evaluations (wake dates see to that), so an instance that
    // opened on a day skipped since the last evaluation is decided by the answer before this one:
    // (opened < t ? before : h) = opened < t ? before : h.
    const before = c.holding;
    const started = h && !before;
    if (started) c.holdingSince = t;
    c.holding = h;
    if (!h && !before && (p.anchor === 'event' || p.anchor === 'conditionStart' || p.anchor === 'lastDone')) continue;

    switch (p.anchor) {
      case 'disbursement':
      case 'maturity':
      case 'missedMaturity':
      case 'limitationExpiry': {
        const anchor = singleAnchor(book, p.anchor);
        if (anchor === undefined) break;
        const key = singleKey(p.anchor, anchor);
        if (c.considered.has(key)) break;
        // Not yet: decided without computing a deadline a strict calendar may not cover yet.
        if (p.anchor !== 'missedMaturity' && cachedWake(c, anchor, () => wakeFor(book, p, anchor, undefined)) > t) break;
        const d = applyOffset(book, anchor, p.due);
        let opened = clampOpen(disbursed, openOf(book, p, anchor, d, undefined));
        if (p.anchor === 'missedMaturity') {
          opened = addDays(anchor, 1);
          if (t < opened) break;
          c.considered.add(key);
          if ((opened < t ? before : h) && wasMissed(book, n - 1) && !isCleared(book, n - 1)) open(book, rule, key, anchor, opened, d, t);
          break;
        }
        if (t < opened) break;
        c.considered.add(key);
        if (heldOn(opened, t, before, h)) open(book, rule, key, anchor, opened, d, t);
        break;
      }
      case 'eachDueDate':
      case 'eachInterestDate':
        for (; c.next < n; c.next++) {
          const it = book.schedule[c.next] as Instalment;
          if (p.anchor === 'eachInterestDate' && it.interest === 0) continue;
          if (cachedWake(c, c.next, () => wakeFor(book, p, it.dueOn, undefined)) > t) break;
          const d = applyOffset(book, it.dueOn, p.due);
          const opened = clampOpen(disbursed, openOf(book, p, it.dueOn, d, undefined));
          if (opened > t) break;
          if (heldOn(opened, t, before, h) && !isCleared(book, c.next) && d >= t) open(book, rule, `i${it.index}`, it.dueOn, opened, d, t, c.next);
        }
        break;
      case 'eachMissedDueDate':
      case 'eachMissedInterestDate':
        for (; c.next < n; c.next++) {
          const it = book.schedule[c.next] as Instalment;
          if (p.anchor === 'eachMissedInterestDate' && it.interest === 0) continue;
          const opened = missedOpen(book, p, it.dueOn);
          if (opened > t) break;
          if (heldOn(opened, t, before, h) && wasMissed(book, c.next) && !isCleared(book, c.next)) {
            open(book, rule, p.opens === undefined ? `i${it.index}` : `i${it.index}+${offsetKey(p.opens)}`, it.dueOn, opened, applyOffset(book, it.dueOn, p.due), t, c.next);
          }
        }
        break;
      case 'monthEnd':
      case 'quarterEnd':
      case 'halfYearEnd':
      case 'yearEnd':
        for (;;) {
          const period = cachedPeriod(c, p.anchor, book.loan.disbursedOn);
          if (cachedWake(c, c.next, () => wakeFor(book, p, period.end, period.start)) > t) break;
          const d = applyOffset(book, period.end, p.due);
          const opened = clampOpen(disbursed, openOf(book, p, period.end, d, period.start));
          if (opened > t) break;
          c.next++;
          const exempt = p.skipIfDisbursedWithin !== undefined && book.loan.disbursedOn >= applyOffset(book, period.end, negate(p.skipIfDisbursedWithin));
          if ((opened < t ? before : h) && !exempt && d >= t) open(book, rule, period.label, period.end, opened, d, t);
        }
        break;
      case 'event':
        if (!h) break;
        for (const e of book.today) {
          if (e.type !== p.event) continue;
          if (p.match !== undefined && !eventCloses({ event: e.type, match: p.match }, e, 'borrower')) continue;
          open(book, rule, e.id, e.on, e.on, applyOffset(book, e.on, p.due), t);
        }
        break;
      case 'conditionStart':
        if (started) open(book, rule, formatDay(t), t, t, applyOffset(book, t, p.due), t);
        break;
      case 'lastDone': {
        if (!h) break;
        for (const party of partiesOf(book, p)) {
          // One at a time per party: the previous one still owed blocks the next, unless the
          // requirement that raised it has changed (pass → special mention, low → medium risk).
          const owed = (k: Task): boolean => k.kind === p.kind && k.party === party;
          if (book.open.some(owed) || (book.breached.get(p.kind) ?? []).some((k) => owed(k) && holds.get(k.rule.id) === true)) continue;
          // One done at once by an event of the day (opened and done today) is followed by the next at once.
          for (let again = 0; again < 8; again++) {
            // Counted from the last time it was done (whatever requirement asked for it), else from when
            // the requirement started; never due before today.
            const anchor = book.lastDone.get(`${p.kind}|${party}`) ?? c.holdingSince;
            const d = applyOffset(book, anchor, p.due);
            // Keyed by the opening day; a second one the same day (the first was done that day) gets a suffix.
            let key = formatDay(t);
            for (let i = 2; isTaken(book, `${book.loan.id}/${p.kind}/${key}/${party}`); i++) key = `${formatDay(t)}-${i}`;
            open(book, rule, key, anchor, t, d < t ? t : d, t, undefined, party);
            if (book.open.some(owed)) break;
          }
        }
        break;
      }
    }
  }

}

/** Cancels open tasks that are no longer needed: instalment paid, limitation restarted, rule no longer holding. */
function cancelUnneeded(book: TaskBook, t: Day, facts: Facts, holds: ReadonlyMap<string, boolean>): void {
  for (const task of [...book.open]) {
    if (task.slot !== undefined && isCleared(book, task.slot) && !task.rule.decision.anchor.startsWith('eachMissed')) {
      cancel(book, task, t, `instalment ${task.instalment} was paid on ${formatDay(book.ledger.clearedOn[task.slot] as Day)}`);
    } else if (task.slot !== undefined && isCleared(book, task.slot)) {
      cancel(book, task, t, `instalment ${task.instalment} was paid on ${formatDay(book.ledger.clearedOn[task.slot] as Day)} before the notice was sent`);
    } else if (task.rule.decision.anchor === 'limitationExpiry' && book.limitationExpiry !== task.anchorOn) {
      cancel(book, task, t, book.limitationExpiry === undefined ? 'the loan is settled' : `the limitation period restarted; it now expires on ${formatDay(book.limitationExpiry)}`);
    } else if (holds.get(task.rule.id) === false) {
      cancel(
        book,
        task,
        t,
        facts.state === 'settled'
          ? `the loan was settled on ${formatDay(t)}`
          : `rule ${task.rule.id} no longer applies (${task.rule.facts.map((f) => `${f} ${String(facts[f])}`).join(', ')})`,
      );
    }
  }
}

function negate(o: Offset): Offset {
  if ('days' in o) return { days: -o.days };
  if ('months' in o) return { months: -o.months };
  return { workingDays: -o.workingDays };
}

/** When a task of this anchor opens, or an earlier safe day when the calendar cannot tell yet. */
function wakeFor(book: TaskBook, p: TaskParams, anchor: Day, periodStart: Day | undefined): Day {
  const due = lookAhead(book, anchor, p.due);
  if (due === undefined) return periodStart ?? earliest(anchor, p.due);
  // (An open date before disbursement is clamped by the caller; waking early is always safe.)
  if (typeof p.opens === 'object' && lookAhead(book, anchor, p.opens) === undefined) return earliest(anchor, p.opens);
  return openOf(book, p, anchor, due, periodStart);
}

/** The next day after `t` on which a task opens or breaches without any event; undefined when none. */
export function nextTaskWake(book: TaskBook, t: Day): Day | undefined {
  let best = Number.POSITIVE_INFINITY;
  const consider = (d: Day): void => {
    if (d > t && d < best) best = d;
  };
  for (const task of book.open) consider(addDays(task.dueOn, 1));
  const n = book.schedule.length;
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  for (let r = 0; r < rules.length; r++) {
    const p = (rules[r] as TaskRule).decision;
    const c = book.cursors[r] as RuleCursor;
    // A rule that does not hold opens nothing until an evaluation finds it holding again.
    if (!c.holding) continue;
    const next = c.next;
    switch (p.anchor) {
      case 'eachDueDate':
      case 'eachInterestDate':
        for (let i = next; i < n; i++) {
          const it = book.schedule[i] as Instalment;
          if (p.anchor === 'eachInterestDate' && it.interest === 0) continue;
          consider(i === next ? cachedWake(c, i, () => wakeFor(book, p, it.dueOn, undefined)) : wakeFor(book, p, it.dueOn, undefined));
          break;
        }
        break;
      case 'eachMissedDueDate':
      case 'eachMissedInterestDate':
        for (let i = next; i < n; i++) {
          const it = book.schedule[i] as Instalment;
          if (p.anchor === 'eachMissedInterestDate' && it.interest === 0) continue;
          consider(missedOpen(book, p, it.dueOn));
          break;
        }
        break;
      case 'monthEnd':
      case 'quarterEnd':
      case 'halfYearEnd':
      case 'yearEnd': {
        const period = cachedPeriod(c, p.anchor, book.loan.disbursedOn);
        consider(cachedWake(c, next, () => wakeFor(book, p, period.end, period.start)));
        break;
      }
      case 'disbursement':
      case 'maturity':
      case 'missedMaturity':
      case 'limitationExpiry': {
        const anchor = singleAnchor(book, p.anchor);
        if (anchor === undefined) break;
        if (p.anchor === 'missedMaturity') consider(addDays(anchor, 1));
        else if (!c.considered.has(singleKey(p.anchor, anchor))) consider(cachedWake(c, anchor, () => wakeFor(book, p, anchor, undefined)));
        break;
      }
      default:
        break;
    }
  }
  return best === Number.POSITIVE_INFINITY ? undefined : (best as Day);
}

/** Tasks as the replay output prints them, in the order they were raised. */
export function tasksOutput(book: TaskBook): TaskOutput[] {
  return book.tasks.map((k) => ({
    id: k.id,
    kind: k.kind,
    ruleId: k.ruleId,
    party: k.party,
    openedOn: formatDay(k.openedOn),
    dueOn: formatDay(k.dueOn),
    status: k.status,
    ...(k.instalment === undefined ? {} : { instalment: k.instalment }),
    ...(k.closedOn === undefined ? {} : { closedOn: formatDay(k.closedOn) }),
    ...(k.closedBy === undefined ? {} : { closedBy: k.closedBy }),
    ...(k.reason === undefined ? {} : { reason: k.reason }),
  }));
}

/**
 * Marks the day's history events as seen today, for tasks opened later the same day. The caller passes
 * the day's slice of the sorted events: filtering the whole history on every visited day made replay
 * quadratic in the number of events.
 */
export function rememberToday(book: TaskBook, today: LoanEvent[]): void {
  book.today = today;
}

export { isPeriodAnchor };

/** A task book's state as plain JSON, for loan snapshots. */
export interface TaskBookState {
  readonly tasks: readonly {
    readonly id: string;
    readonly kind: string;
    /** The compiled rule's id (the policy id comes with it). */
    readonly rule: string;
    readonly party: string;
    readonly openedOn: number;
    readonly dueOn: number;
    readonly anchorOn: number;
    readonly instalment?: number;
    readonly slot?: number;
    readonly times: number;
    readonly progress: number;
    readonly status: TaskOutput['status'];
    readonly breachRecorded: boolean;
    readonly closedOn?: number;
    readonly closedBy?: string;
    readonly reason?: string;
  }[];
  readonly open: readonly string[];
  readonly breached: readonly (readonly [string, readonly string[]])[];
  /**
   * Where each task rule has got to, three numbers per rule in pack order: the next instalment or period
   * to consider, whether the rule held (1 or 0), and the day it started holding. Flat, because a nightly
   * batch reads and writes millions of these.
   */
  readonly cursors: readonly number[];
  /** Single-anchor instances each rule has considered, as [rule index, keys]; only rules with some. */
  readonly considered?: readonly (readonly [number, readonly string[]])[];
  /**
   * Whether each task rule held at the last evaluation. Left out when it says what the cursors' `holding`
   * say (always, once the loan has been evaluated): restored from them then.
   */
  readonly holds?: readonly (readonly [string, boolean])[];
  readonly lastDone: readonly (readonly [string, number])[];
  readonly calendarWarnings: readonly string[];
  readonly limitationExpiry: number | null;
  /**
   * Lean snapshots only: the ids of the closed tasks left out of `tasks` (done, late, cancelled), so they
   * are never raised again — without the leading `loanId/` every task id of the loan has. Absent from a
   * full snapshot, whose `tasks` has every task.
   */
  readonly retired?: readonly string[];
}

/** A task still owed: open, or breached and not yet done late. */
const isOwed = (k: Task): boolean => k.status === 'open' || k.status === 'breached';

/**
 * The book's state as plain JSON. Caches (next open dates, periods) are left out: they are recomputed.
 * So are the events of the day and the events already used that day: a snapshot is taken at the end of
 * a day, and later days bring their own events.
 */
export function persistTasks(book: TaskBook, lean = false): TaskBookState {
  const kept = lean ? book.tasks.filter(isOwed) : book.tasks;
  return {
    tasks: kept.map((k) => ({
      id: k.id,
      kind: k.kind,
      rule: k.rule.id,
      party: k.party,
      openedOn: k.openedOn,
      dueOn: k.dueOn,
      anchorOn: k.anchorOn,
      ...(k.instalment === undefined ? {} : { instalment: k.instalment }),
      ...(k.slot === undefined ? {} : { slot: k.slot }),
      times: k.times,
      progress: k.progress,
      status: k.status,
      breachRecorded: k.breachRecorded,
      ...(k.closedOn === undefined ? {} : { closedOn: k.closedOn }),
      ...(k.closedBy === undefined ? {} : { closedBy: k.closedBy }),
      ...(k.reason === undefined ? {} : { reason: k.reason }),
    })),
    open: book.open.map((k) => k.id),
    breached: [...book.breached].map(([kind, list]) => [kind, list.map((k) => k.id)] as const),
    ...persistCursors(book.cursors),
    ...(holdsFollowCursors(book) ? {} : { holds: [...book.holds] }),
    lastDone: [...book.lastDone],
    calendarWarnings: [...book.calendarWarnings],
    limitationExpiry: book.limitationExpiry ?? null,
    ...(lean || book.retired.ids.length > 0 ? { retired: retiredIds(book, lean) } : {}),
  };
}

function persistCursors(cursors: readonly RuleCursor[]): { cursors: number[]; considered?: [number, string[]][] } {
  const flat: number[] = [];
  let considered: [number, string[]][] | undefined;
  cursors.forEach((c, r) => {
    flat.push(c.next, c.holding ? 1 : 0, c.holdingSince);
    if (c.considered.size > 0) (considered ??= []).push([r, [...c.considered]]);
  });
  return considered === undefined ? { cursors: flat } : { cursors: flat, considered };
}

/** The holds map says exactly what the cursors' `holding` flags say (true after every evaluation). */
function holdsFollowCursors(book: TaskBook): boolean {
  const rules = book.pack.rulesByType.task;
  if (book.holds.size !== rules.length) return false;
  for (let r = 0; r < rules.length; r++) if (book.holds.get((rules[r] as TaskRule).id) !== (book.cursors[r] as RuleCursor).holding) return false;
  return true;
}

/** Closed task ids a lean snapshot keeps, without the loan id prefix they all share. */
function retiredIds(book: TaskBook, lean: boolean): string[] {
  const out = [...book.retired.ids];
  const cut = book.loan.id.length + 1;
  // Every task id starts with `${loan.id}/` (see open()).
  if (lean) for (const k of book.tasks) if (!isOwed(k)) out.push(k.id.slice(cut));
  return out;
}

const rulesByIdCache = new WeakMap<CompiledPack, ReadonlyMap<string, TaskRule>>();

/** The pack's task rules by id, built once per pack (a nightly batch restores millions of books). */
function taskRulesById(pack: CompiledPack): ReadonlyMap<string, TaskRule> {
  let m = rulesByIdCache.get(pack);
  if (m === undefined) {
    m = new Map((pack.rulesByType.task as readonly TaskRule[]).map((r) => [r.id, r]));
    rulesByIdCache.set(pack, m);
  }
  return m;
}

/**
 * Puts a persisted state into a fresh book of the same pack. Returns the ids of rules the state names
 * that the pack does not have (the snapshot was made with another pack); empty when all is well.
 */
export function restoreTasks(book: TaskBook, state: TaskBookState): string[] {
  const rules = taskRulesById(book.pack);
  const missing: string[] = [];
  if (state.cursors.length !== 3 * book.cursors.length) missing.push(`${Math.floor(state.cursors.length / 3)} task rules, the pack has ${book.cursors.length}`);
  for (const s of state.tasks) {
    const rule = rules.get(s.rule);
    if (rule === undefined) {
      missing.push(s.rule);
      continue;
    }
    const task: Task = {
      id: s.id,
      kind: s.kind,
      ruleId: rule.policyId,
      rule,
      party: s.party,
      openedOn: s.openedOn as Day,
      dueOn: s.dueOn as Day,
      anchorOn: s.anchorOn as Day,
      ...(s.instalment === undefined || s.slot === undefined ? {} : { instalment: s.instalment, slot: s.slot }),
      times: s.times,
      progress: s.progress,
      status: s.status,
      breachRecorded: s.breachRecorded,
      ...(s.closedOn === undefined ? {} : { closedOn: s.closedOn as Day }),
      ...(s.closedBy === undefined ? {} : { closedBy: s.closedBy }),
      ...(s.reason === undefined ? {} : { reason: s.reason }),
    };
    book.tasks.push(task);
    book.byId.set(task.id, task);
  }
  const byId = (id: string): Task[] => {
    const t = book.byId.get(id);
    return t === undefined ? [] : [t];
  };
  book.open = state.open.flatMap(byId);
  for (const [kind, ids] of state.breached) book.breached.set(kind, ids.flatMap(byId));
  const flat = state.cursors;
  book.cursors.forEach((c, r) => {
    if (3 * r + 2 >= flat.length) return;
    c.next = flat[3 * r] as number;
    c.holding = flat[3 * r + 1] === 1;
    c.holdingSince = flat[3 * r + 2] as Day;
  });
  for (const [r, keys] of state.considered ?? []) {
    const c = book.cursors[r];
    if (c !== undefined) for (const k of keys) c.considered.add(k);
  }
  if (state.holds !== undefined) for (const [k, v] of state.holds) book.holds.set(k, v);
  else book.cursors.forEach((c, r) => book.holds.set((book.pack.rulesByType.task[r] as TaskRule).id, c.holding));
  for (const [k, v] of state.lastDone) book.lastDone.set(k, v as Day);
  for (const w of state.calendarWarnings) book.calendarWarnings.add(w);
  book.limitationExpiry = (state.limitationExpiry ?? undefined) as Day | undefined;
  if (state.retired !== undefined) book.retired.ids.push(...state.retired);
  book.schedule = book.ledger.schedule;
  return missing;
}

/**
 * The same task book under another version of the pack, from day `t` on (a version switch). Tasks and
 * rolling clocks carry over; a rule the new version keeps (same id) keeps its place; a rule it drops
 * has its open tasks cancelled with that reason; a rule it adds applies from `t` only — instances
 * anchored before `t` are not raised after the fact.
 */
export function rebindTasks(book: TaskBook, pack: CompiledPack, t: Day, why: string): TaskBook {
  const next = createTaskBook(pack, book.loan, book.ledger.schedule, book.ledger, book.timeline);
  const oldRules = book.pack.rulesByType.task as readonly TaskRule[];
  const newRules = pack.rulesByType.task as readonly TaskRule[];
  const byId = new Map(newRules.map((r) => [r.id, r]));
  for (const task of book.tasks) {
    const rule = byId.get(task.rule.id);
    const moved: Task = rule === undefined ? task : { ...task, rule, ruleId: rule.policyId };
    next.tasks.push(moved);
    next.byId.set(moved.id, moved);
  }
  next.open = book.open.map((k) => next.byId.get(k.id) as Task);
  for (const [kind, list] of book.breached) next.breached.set(kind, list.map((k) => next.byId.get(k.id) as Task));
  for (const [k, v] of book.holds) next.holds.set(k, v);
  for (const [k, v] of book.lastDone) next.lastDone.set(k, v);
  for (const w of book.calendarWarnings) next.calendarWarnings.add(w);
  next.retired.ids.push(...book.retired.ids);
  next.limitationExpiry = book.limitationExpiry;
  newRules.forEach((rule, i) => {
    const c = next.cursors[i] as RuleCursor;
    const j = oldRules.findIndex((r) => r.id === rule.id);
    const old = j < 0 ? undefined : book.cursors[j];
    if (old !== undefined) {
      c.next = old.next;
      c.holding = old.holding;
      c.holdingSince = old.holdingSince;
      for (const k of old.considered) c.considered.add(k);
      return;
    }
    // A new rule starts at the switch: skip instalments and periods already behind, and single anchors before it.
    const a = rule.decision.anchor;
    c.holdingSince = t;
    if (a === 'eachDueDate' || a === 'eachInterestDate' || a === 'eachMissedDueDate' || a === 'eachMissedInterestDate') {
      const s = next.schedule;
      let k = 0;
      while (k < s.length && (s[k] as Instalment).dueOn < t) k++;
      c.next = k;
    } else if (isPeriodAnchor(a)) {
      let k = 0;
      while (periodOf(a, book.loan.disbursedOn, k).end < t) k++;
      c.next = k;
    } else if (a === 'disbursement' || a === 'maturity' || a === 'missedMaturity' || a === 'limitationExpiry') {
      const anchor = singleAnchor(next, a);
      if (anchor !== undefined && anchor < t) c.considered.add(singleKey(a, anchor));
    }
  });
  for (const task of [...next.open]) if (!byId.has(task.rule.id)) cancel(next, task, t, why);
  return next;
}
