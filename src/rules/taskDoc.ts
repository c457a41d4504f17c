import { formatDay } from '../time/day';
import type { Deadline, TaskAnchor, TaskParams, TaskParty } from './decisions';
import { cnDefaultPack, cnDefaultPackFiles } from './defaultPack';
import type { CompiledPack, CompiledRule, PackFiles } from './loadPack';
import type { ClosingEvent } from './taskKinds';

type TaskRule = CompiledRule & { readonly decision: { readonly type: 'task' } & TaskParams };

const PARTY_WORDS: Record<TaskParty, string> = {
  borrower: 'the borrower',
  eachGuarantor: 'each guarantor',
  eachCollateral: 'each collateral item',
  eachContact: "each of the borrower's contacts",
  loanOfficer: 'the loan officer',
  supervisor: 'the supervisor',
  collector: 'the collector',
};

const PERIOD_WORDS: Partial<Record<TaskAnchor, string>> = { monthEnd: 'month', quarterEnd: 'quarter', halfYearEnd: 'half-year', yearEnd: 'year' };

/** Policy-id prefixes listed first, in this order (sections 3 and 4 of the policy); the others follow. */
const FIRST_PREFIXES = ['P-IN-', 'P-NT-'];

/** Markdown table cell: no pipes or line breaks from the data. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function code(text: string): string {
  return `\`${text}\``;
}

/** "2nd", "3rd", "11th", "21st". */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** "10 working days after", "1 month before", "7 calendar days after", "on the day", "the end of the month". */
function offsetWords(o: Deadline): string {
  if ('endOfMonth' in o) return o.endOfMonth === 0 ? 'by the end of the month' : `by the end of the ${o.endOfMonth === 1 ? 'next month' : `${ordinal(o.endOfMonth)} month after`}`;
  const [n, unit] = 'days' in o ? [o.days, 'calendar day'] : 'months' in o ? [o.months, 'month'] : [o.workingDays, 'working day'];
  if (n === 0) return 'on the day';
  return `${plural(Math.abs(n), unit)} ${n > 0 ? 'after' : 'before'}`;
}

/** A JSON value as an analyst would read it in a rule file: `name`, `true`, `5`; a list as "`a`, `b` or `c`". */
function valueWords(v: unknown): string {
  if (Array.isArray(v)) {
    const items = v.map(valueWords);
    return items.length <= 1 ? (items[0] ?? 'nothing') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
  }
  return code(typeof v === 'string' ? v : JSON.stringify(v));
}

function matchWords(match: Readonly<Record<string, unknown>> | undefined): string[] {
  return Object.keys(match ?? {})
    .sort()
    .map((k) => `${k} ${valueWords((match ?? {})[k])}`);
}

function anchorWords(p: TaskParams, limitationYears: number): string {
  const period = PERIOD_WORDS[p.anchor];
  if (period !== undefined) {
    const base = p.anchor === 'yearEnd' ? 'the end of each year (31 December)' : `the end of each ${period}`;
    return p.skipIfDisbursedWithin === undefined ? base : `${base}, except a ${period} that ends less than ${offsetWords(p.skipIfDisbursedWithin)} the disbursement date`;
  }
  switch (p.anchor) {
    case 'disbursement':
      return 'the disbursement date';
    case 'maturity':
      return 'the final maturity (last instalment’s due date)';
    case 'eachDueDate':
      return 'each instalment’s due date';
    case 'eachInterestDate':
      return 'each interest payment date (each instalment with interest)';
    case 'eachMissedDueDate':
      return 'each instalment’s due date, if the instalment is not paid by then';
    case 'eachMissedInterestDate':
      return 'each interest payment date, if the instalment is not paid by then';
    case 'missedMaturity':
      return 'the final maturity, if unpaid';
    case 'event': {
      const m = matchWords(p.match);
      return `each ${code(p.event ?? '?')} event${m.length === 0 ? '' : ` with ${m.join(', ')}`}`;
    }
    case 'conditionStart':
      return 'the day the conditions start to hold';
    case 'lastDone':
      return 'the last time it was done (rolling)';
    case 'limitationExpiry':
      return `the statute-of-limitations expiry (${plural(limitationYears, 'year')})`;
    case 'eachDay':
      return 'each day while the conditions hold';
    case 'eachWorkingDay':
      return 'each working day while the conditions hold';
    default:
      return p.anchor;
  }
}

/** When the task opens, in words; "—" when it opens at its anchor. */
function opensWords(p: TaskParams, lateAllowed: boolean): string {
  if (p.opens === 'periodStart') return `the start of the ${PERIOD_WORDS[p.anchor] ?? 'period'}`;
  if (p.opens !== undefined) return offsetWords(p.opens);
  if (p.anchor === 'missedMaturity' || p.anchor === 'eachMissedDueDate' || p.anchor === 'eachMissedInterestDate') return 'the day after';
  const n = 'days' in p.due ? p.due.days : 'months' in p.due ? p.due.months : 'workingDays' in p.due ? p.due.workingDays : p.due.endOfMonth;
  if (n < 0) return lateAllowed ? 'on the deadline day' : 'on the deadline day, the only day it can be done';
  return '—';
}

/** ", by 17:00" for a kind with a due time. */
function dueTimeWords(dueTime: string | undefined): string {
  return dueTime === undefined ? '' : `, by ${dueTime}`;
}

function closingWords(c: ClosingEvent): string {
  const parts = matchWords(c.match);
  if (c.sameParty === 'collateralId') parts.push('for the same collateral item (`collateralId`)');
  else if (c.sameParty !== undefined) parts.push(`for the same party (${code(c.sameParty)})`);
  const by = c.sameAssignee === undefined ? '' : ` by the task’s assignee (${code(c.sameAssignee)}, when the event names one)`;
  return `${code(c.event)}${parts.length === 0 ? '' : ` with ${parts.join(', ')}`}${by}`;
}

/** Natural order of policy ids: P-IN-9 before P-IN-10. */
function naturalCompare(a: string, b: string): number {
  const split = (s: string): string[] => s.match(/\d+|\D+/g) ?? [];
  const xs = split(a);
  const ys = split(b);
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i] as string;
    const y = ys[i] as string;
    if (x === y) continue;
    const nx = /^\d/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny) && nx !== ny) return nx - ny;
    return x < y ? -1 : 1;
  }
  return xs.length - ys.length;
}

function groupOf(policyId: string): number {
  const i = FIRST_PREFIXES.findIndex((p) => policyId.startsWith(p));
  return i < 0 ? FIRST_PREFIXES.length : i;
}

/**
 * Rule id → description, from the pack's rule files (the compiled pack does not keep descriptions).
 *
 * @example
 * ```ts
 * ruleDescriptions(cnDefaultPackFiles).get('floor-substandard'); // 'DPD above 90: at least substandard (次级).'
 * ```
 */
export function ruleDescriptions(files: PackFiles): Map<string, string> {
  const out = new Map<string, string>();
  for (const content of Object.values(files)) {
    let doc: unknown = content;
    if (typeof content === 'string') {
      try {
        doc = JSON.parse(content);
      } catch {
        continue;
      }
    }
    const rules = doc !== null && typeof doc === 'object' ? (doc as { rules?: unknown }).rules : undefined;
    if (!Array.isArray(rules)) continue;
    for (const r of rules as unknown[]) {
      if (r === null || typeof r !== 'object') continue;
      const { id, description } = r as { id?: unknown; description?: unknown };
      if (typeof id === 'string' && typeof description === 'string') out.set(id, description);
    }
  }
  return out;
}

function calendarWords(pack: CompiledPack): string {
  const cal = pack.calendar;
  const finite = Number.isFinite(cal.coverage.from) && Number.isFinite(cal.coverage.to);
  const lines = [
    `Working days are those of the pack’s business calendar ${code(cal.id)}: Monday to Friday, except the official days off it lists, plus the weekend days it lists as make-up working days (调休上班).`,
  ];
  if (!finite) lines.push('The calendar covers every date.');
  else {
    const range = `${formatDay(cal.coverage.from)} to ${formatDay(cal.coverage.to)}`;
    lines.push(
      cal.outsideCoverage === 'weekends'
        ? `It covers ${range}; outside that range the pack counts Monday to Friday as working days (\`"calendarFallback": "weekends"\`), and the replay records a warning for each year counted that way.`
        : `It covers ${range}; a working-day deadline outside that range cannot be counted, and the replay stops with a \`calendar.outOfCoverage\` error (\`"calendarFallback": "error"\`).`,
    );
  }
  return lines.join(' ');
}

/**
 * The task reference for policy analysts (`docs/tasks.md`): every task rule of the pack — who, from
 * what, by when — and every task kind with the events that do it, generated from the compiled pack so
 * it cannot drift.
 *
 * The compiled pack keeps no rule descriptions, so they are read from the pack's files: `files` when
 * given, else the built-in pack's files when `pack` is the built-in `cn-default` pack (same content
 * hash). Without them a rule's row shows its task kind's description.
 *
 * @example
 * ```ts
 * writeFileSync('docs/tasks.md', renderTaskReference(cnDefaultPack()));
 * ```
 */
export function renderTaskReference(pack: CompiledPack, files?: PackFiles): string {
  const source = files ?? (pack.id === 'cn-default' && pack.hash === cnDefaultPack().hash ? cnDefaultPackFiles : undefined);
  const descriptions = source === undefined ? new Map<string, string>() : ruleDescriptions(source);
  const rules = [...(pack.rulesByType.task as readonly TaskRule[])].sort(
    (a, b) => groupOf(a.policyId) - groupOf(b.policyId) || naturalCompare(a.policyId, b.policyId) || a.index - b.index,
  );
  const kinds = Object.keys(pack.taskKinds).sort();
  const raisedBy = new Map<string, string[]>();
  for (const r of rules) raisedBy.set(r.decision.kind, [...(raisedBy.get(r.decision.kind) ?? []), r.id]);

  const lines: string[] = [
    `# Task reference: pack \`${pack.id}\` ${pack.version}`,
    '',
    '<!-- Generated from the compiled rule pack (task rules and task kinds) by `npm run docs`; a test fails when it drifts. Do not edit by hand. -->',
    '',
    `Pack ${code(pack.id)} version ${pack.version}, effective from ${formatDay(pack.effectiveFrom)}${pack.effectiveTo === undefined ? '' : ` to ${formatDay(pack.effectiveTo)}`}, time zone ${pack.timeZone}: ${rules.length} task rules, ${kinds.length} task kinds.`,
    ...(pack.description === undefined ? [] : ['', `> ${cell(pack.description)}`]),
    '',
    '## What a task is',
    '',
    'A **task** is an action the policy requires by a deadline: a callback, an inspection, a report, a notice to the borrower or a guarantor. Rules whose `event.type` is `"task"` raise tasks; events of the loan’s history do them (see [Task kinds](#task-kinds)). Each task has a **party**, a role as in contact events: `borrower`, `guarantor`, `contact` or `collateral` for the one it concerns (one task per guarantor, contact or collateral item, named by **partyId**: `"party": "guarantor", "partyId": "G-1"`), or the internal role responsible (`loanOfficer`, `supervisor`, `collector`). A task id ends with the partyId when there is one, else the party: `L-1/guaranteeNotice/2026-09-30/G-1`.',
    '',
    'A task for the `collector` opened while the loan has a collector (an `assigned` event) names that collector as its **assignee** (`"assignee": "C-7"`); a later `assigned` event gives the tasks that open from then on to the new collector, and leaves those already opened with the one who had them.',
    '',
    'A task’s status is one of:',
    '',
    '- `open`: raised, and its deadline has not passed;',
    '- `done`: done by an event on or before its deadline;',
    '- `late`: done by an event after its deadline (only kinds that can be done late);',
    '- `breached`: its deadline has passed and it is not done. It stays breached until an event does it (it is then `late`) — for good, for a kind that cannot be done late;',
    '- `cancelled`: no longer needed, with the reason (below).',
    '',
    '## Deadlines',
    '',
    'Every task rule measures its task from an **anchor** — a date such as a due date, a period end or an event — and sets its **deadline** at a distance from it:',
    '',
    '- "N working days after X" (`{ "workingDays": N }`) is the N-th working day after X, X itself not counted; "before" counts back the same way. ' + calendarWords(pack),
    '- "N calendar days after" (`{ "days": N }`) counts every day; "on the day" is the anchor itself.',
    '- "N months after" (`{ "months": N }`) is the same day of the month N months on, or that month’s last day when it is shorter (31 January + 1 month = the last day of February).',
    '- A deadline in calendar days or months is not moved off a weekend or holiday.',
    '- A task is done on time when the event that does it is dated on or before the deadline.',
    `- A task kind with a **due time** (\`"dueTime": "17:00"\`, shown in the deadline column as "by 17:00") is due by that time of the deadline day, in the pack’s time zone (${pack.timeZone}): an event whose timestamp \`at\` is later that day does it late (the breach is dated that day); an event without \`at\` counts by its date. A task not done is breached from the next day, as any other.`,
    '',
    '## When tasks open and are cancelled',
    '',
    '- A task opens at its anchor, unless the table says otherwise: "on the deadline day" for a deadline before its anchor (a reminder: an event before that day does not count), "the day after" for a missed date, or an explicit opening day. A task never opens before the disbursement date.',
    '- A rolling task ("the last time it was done") opens when its rule starts to hold and again as soon as the previous task of its kind is done; its deadline counts from the day the previous one was done, or from the day the rule started to hold if that is later.',
    '- Periods are calendar months, quarters, half-years and years; the fiscal year is the calendar year.',
    '- A daily task ("each day" or "each working day" while the conditions hold) opens on each such day the rule holds on, one a day, keyed by the day: `L-1/collectionFeedback/2026-03-02/collector`. On a day with events it opens before them, so that the day’s own work does it (if the rule stops holding that day, it is cancelled).',
    '- A task with **times** N (shown in the deadline column as "(N events)") needs N matching events in its window, e.g. two calls on one day (P-CS-2); the N-th does it.',
    '- After a **restructuring or extension** the open tasks of the instalments and maturity it replaced are cancelled with that reason, and the new instalments get their own tasks. Instalment numbers are never reused: the new ones continue after the last number of the schedule they replace.',
    '- An event dated before the task opens does not do it. One event does at most one task of each kind it can do, for the same party: the oldest open one still in time on the event’s day, else the oldest breached one (an open task past its deadline counts as breached).',
    '- A rule raises tasks only while its **conditions** hold: a task opens only if the rule holds on its opening day. An `open` task whose rule stops holding is **cancelled**, with the reason (the rule id and the facts it reads, e.g. `rule inspect-key-pass no longer applies (managementMode regular, …)`). A task for an instalment is cancelled when the instalment is paid, and the limitation task when the limitation period restarts. A `breached` task is never cancelled.',
    '',
    '## Task rules',
    '',
    'One row per rule, by policy id. Read *deadline* and *anchor* together: "10 working days after" + "the final maturity, if unpaid". In *opens*, "—" means at the anchor.',
    '',
    '| policy | rule | task kind | party | deadline | anchor | opens | description |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rules) {
    const p = r.decision;
    const description = descriptions.get(r.id) ?? pack.taskKinds[p.kind]?.description ?? '';
    lines.push(
      `| ${cell(r.policyId)} | ${code(r.id)} | ${code(p.kind)} | ${PARTY_WORDS[p.party]} | ${offsetWords(p.due)}${dueTimeWords(pack.taskKinds[p.kind]?.dueTime)}${p.times !== undefined && p.times > 1 ? ` (${p.times} events)` : ''} | ${cell(anchorWords(p, pack.limitationYears))} | ${opensWords(p, pack.taskKinds[p.kind]?.lateAllowed ?? true)} | ${cell(description)} |`,
    );
  }
  lines.push(
    '',
    '## Task kinds',
    '',
    'What each kind of task is, and which history events do it. "for the same party (`party`)": the event’s field must name the task’s party — for a guarantor or contact, `"party": "guarantor", "partyId": "G-1"` (as in contact attempts) or the id in `party` (`"party": "G-1"`); for the borrower it may be absent or say `borrower`. A list of values means any of them. A kind that cannot be done late stays `breached` once its deadline has passed: a reminder after the date is no reminder.',
    '',
    '| kind | description | done by | can be done late | raised by |',
    '|---|---|---|---|---|',
  );
  for (const k of kinds) {
    const def = pack.taskKinds[k];
    if (def === undefined) continue;
    const by = raisedBy.get(k) ?? [];
    lines.push(
      `| ${code(k)} | ${cell(def.description)} | ${cell(def.closedBy.map(closingWords).join('; or '))} | ${def.lateAllowed ? 'yes' : '**no**'} | ${by.length === 0 ? '(no rule)' : by.map(code).join(', ')} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
