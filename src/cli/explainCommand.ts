import { parseArgs } from 'node:util';
import { displayWidth } from './displayWidth';
import { maskPersonalData } from '../errors/maskPersonalData';
import { escapeUnsafe } from '../errors/unsafeText';
import { operatorWords } from '../rules/operators';
import { factsAt, type FactsAt } from '../engine/factsAt';
import type { ReplayOutput } from '../engine/output';
import { replay } from '../engine/replay';
import { PostloanError, unwrap } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { parseHistory } from '../history/parseHistory';
import { cnDefaultPack, cnDefaultPackFiles } from '../rules/defaultPack';
import {
  explainDecisions,
  shownFacts,
  type ConditionExplanation,
  type DecisionExplanation,
  type ExplainedRule,
  type OutstandingTask,
  type ShownValue,
  type StateEntry,
  type TopicExplanation,
} from '../rules/explainDecision';
import { loadPack, type CompiledPack, type PackFiles } from '../rules/loadPack';
import { formatDay, parseDay } from '../time/day';
import { readPackDir, readText } from './files';
import { inputName } from './inputFile';
import { appendAll } from '../errors/appendAll';
import type { Catalogue, ExplainTexts } from '../i18n/catalogue';
import { catalogueFor, labelOf } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';
import { badDateText, cliText, usageErrorOf } from './cliMessages';
import { issueFrom } from '../errors/issueText';

/** Inputs of `postloan explain`. */
export interface ExplainCommand {
  readonly historyPath: string;
  readonly asOf: string;
  readonly packDir?: string;
  /** Only this rule id. */
  readonly rule?: string;
  /** Print JSON instead of text. */
  readonly json: boolean;
}

const EXAMPLE = 'postloan explain loan.json --as-of 2026-07-10';

/** Parses the arguments after `explain`; `'help'` for `--help`. Throws a `cli.usage` error on bad arguments. */
export function parseExplainArgs(args: readonly string[]): ExplainCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { pack: { type: 'string' }, 'as-of': { type: 'string' }, rule: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw usageErrorOf(cliText.badArguments((e as Error).message, EXAMPLE));
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  if (parsed.positionals.length !== 1) throw usageErrorOf(cliText.oneHistory('explain', parsed.positionals.length, EXAMPLE));
  if (v['as-of'] === undefined) throw usageErrorOf(cliText.explainNeedsAsOf(EXAMPLE));
  return {
    historyPath: parsed.positionals[0] as string,
    asOf: v['as-of'],
    json: v.json === true,
    ...(v.pack === undefined ? {} : { packDir: v.pack }),
    ...(v.rule === undefined ? {} : { rule: v.rule }),
  };
}

/** The JSON `postloan explain --json` prints. */
export interface ExplainReport {
  readonly loanId: string;
  readonly asOf: string;
  /** The day the facts are from: `asOf`, or the last day a settled loan was looked at. */
  readonly factsOn: string;
  readonly pack: DecisionExplanation['pack'];
  readonly rule?: string;
  readonly decisions: readonly TopicExplanation[];
  /** Every fact at the end of `factsOn` (money as yuan text, ratios as decimals). */
  readonly facts: Readonly<Record<string, ShownValue>>;
}

/** The move into the current state, from the timeline, with the facts its rule saw. */
function stateEntry(output: ReplayOutput, at: FactsAt): StateEntry | undefined {
  for (let i = output.timeline.length - 1; i >= 0; i--) {
    const e = output.timeline[i];
    if (e?.kind !== 'stateChanged') continue;
    const ruleId = e.rules?.[0];
    const move = ruleId === undefined ? undefined : at.moves.filter((m) => m.ruleId === ruleId && formatDay(m.on) === e.on && m.to === e.to).pop();
    return {
      on: e.on,
      from: e.from,
      policyIds: e.ruleIds,
      ...(move === undefined ? {} : { rule: { id: move.ruleId, facts: move.facts } }),
      ...(e.eventId === undefined ? {} : { eventId: e.eventId }),
    };
  }
  return undefined;
}

/** Whom a task is for, in words: `borrower`, `guarantor G-1`. */
function whom(t: OutstandingTask): string {
  return t.partyId === undefined ? t.party : `${t.party} ${t.partyId}`;
}

/** Open and breached tasks, each with the id of the rule that raised it (from its taskOpened entry). */
function outstandingTasks(output: ReplayOutput, pack: CompiledPack): OutstandingTask[] {
  const raisedBy = new Map<string, string>();
  for (const e of output.timeline) if (e.kind === 'taskOpened' && e.rules[0] !== undefined) raisedBy.set(e.taskId, e.rules[0]);
  const out: OutstandingTask[] = [];
  for (const t of output.tasks) {
    if (t.status !== 'open' && t.status !== 'breached') continue;
    const ruleId = raisedBy.get(t.id) ?? pack.rulesByType.task.find((r) => r.policyId === t.ruleId && r.decision.type === 'task' && r.decision.kind === t.kind)?.id ?? t.ruleId;
    out.push({ id: t.id, kind: t.kind, ruleId, party: t.party, ...(t.partyId === undefined ? {} : { partyId: t.partyId }), dueOn: t.dueOn, status: t.status });
  }
  return out;
}

/**
 * Runs `postloan explain`: replays the history to `--as-of`, takes the facts of that day and explains
 * every decision in force (or one rule), as text for people or as JSON.
 */
export function runExplain(cmd: ExplainCommand, locale: Locale = 'en'): string {
  const problems: PostloanIssue[] = [];
  const packDir = cmd.packDir?.replace(/\/+$/, '');
  const files: PackFiles | undefined = packDir === undefined ? undefined : readPackDir(packDir);
  const packResult = files === undefined ? undefined : loadPack(files, { dir: `${packDir}/` });
  if (packResult !== undefined && !packResult.ok) appendAll(problems, packResult.issues);
  const historyResult = parseHistory(readText(cmd.historyPath), inputName(cmd.historyPath));
  if (!historyResult.ok) appendAll(problems, historyResult.issues);
  const asOf = parseDay(cmd.asOf);
  if (asOf === undefined) {
    problems.push(issueFrom({ code: /^\d{4}-\d{2}-\d{2}$/.test(cmd.asOf) ? 'date.invalid' : 'date.format', path: '--as-of' }, badDateText(cmd.asOf, '--as-of', '2026-07-10')));
  }
  if (problems.length > 0 || asOf === undefined) throw new PostloanError(problems);
  const pack = packResult === undefined ? cnDefaultPack() : unwrap(packResult);
  const history = unwrap(historyResult);
  const output = replay(history, pack, { asOf });
  const at = factsAt(history, pack, asOf);
  const entered = stateEntry(output, at);
  const explanation = explainDecisions(pack, at.facts, {
    files: files ?? cnDefaultPackFiles,
    bucket: output.bucket,
    tasks: outstandingTasks(output, pack),
    ...(entered === undefined ? {} : { entered }),
    ...(cmd.rule === undefined ? {} : { rule: cmd.rule }),
  });
  if (!explanation.ok) throw new PostloanError(explanation.issues.map((i) => issueFrom({ code: i.code, path: '--rule' }, i)));
  const report: ExplainReport = {
    loanId: output.loanId,
    asOf: output.asOf,
    factsOn: formatDay(at.on),
    pack: explanation.value.pack,
    ...(explanation.value.rule === undefined ? {} : { rule: explanation.value.rule }),
    decisions: explanation.value.topics,
    facts: shownFacts(at.facts),
  };
  return cmd.json ? `${JSON.stringify(report, null, 2)}\n` : renderExplanation(report, locale);
}

/** The texts of one locale, and whether topic values and task names are shown as labels. */
interface Words {
  readonly x: ExplainTexts;
  readonly cat: Catalogue;
  readonly labels: boolean;
}

function valueText(v: ShownValue, w: Words): string {
  if (Array.isArray(v)) return v.length === 0 ? w.x.none : (v as readonly ShownValue[]).map((e) => valueText(e, w)).join(', ');
  return String(v);
}

function mark(held: boolean): string {
  return held ? '✓' : '✗';
}

function operatorText(name: string, w: Words): string {
  return Object.hasOwn(w.x.operator, name) ? w.x.operator[name as keyof ExplainTexts['operator']] : operatorWords(name);
}

/** Condition lines as [left, right] pairs: the check, and the fact's value (leaves only). */
function conditionLines(c: ConditionExplanation, indent: string, out: [string, string][], w: Words, top = false): void {
  switch (c.kind) {
    case 'leaf': {
      const expected = c.valueFact === undefined ? valueText(c.expected, w) : `${c.valueFact} (${valueText(c.expected, w)})`;
      const param = c.param === undefined ? '' : ` (${c.param})`;
      const fact = c.path === undefined ? c.fact : `${c.fact}${c.path.slice(1)}`;
      out.push([`${indent}${mark(c.held)} ${fact} ${operatorText(c.operator, w)} ${expected}${param}`, w.x.is(fact, valueText(c.actual, w))]);
      return;
    }
    case 'not':
      out.push([`${indent}${mark(c.held)} ${w.x.not}`, '']);
      conditionLines(c.item, `${indent}    `, out, w);
      return;
    case 'all':
    case 'any':
      // A rule's outer "all" is the usual shape: its conditions are listed directly.
      if (top && c.kind === 'all') {
        for (const item of c.items) conditionLines(item, indent, out, w);
        return;
      }
      out.push([`${indent}${mark(c.held)} ${c.kind === 'all' ? w.x.allOf : w.x.anyOf}`, '']);
      for (const item of c.items) conditionLines(item, `${indent}    `, out, w);
  }
}

function aligned(rows: readonly [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([left, right]) => (right === '' ? 0 : displayWidth(left))));
  return rows.map(([left, right]) => (right === '' ? left : `${left}${' '.repeat(width - displayWidth(left) + 3)}${right}`));
}

function ruleRef(r: ExplainedRule, w: Words): string {
  return w.x.ruleRef(r.policyId, r.ruleId, r.on);
}

/** Breached tasks of one rule listed one by one up to this many; more are summed up in one line. */
const MAX_LATE_LISTED = 3;

/** A task kind and its party in words: the ids in English, the labels in Chinese. */
function taskWords(t: OutstandingTask, w: Words): { kind: string; whom: string } {
  if (!w.labels) return { kind: t.kind, whom: whom(t) };
  const party = labelOf(w.cat.party, t.party);
  return { kind: labelOf(w.cat.taskKind, t.kind), whom: t.partyId === undefined ? party : `${party} ${t.partyId}` };
}

/** The description, conditions and outstanding tasks of one rule. */
function ruleBody(r: ExplainedRule, indent: string, w: Words): string[] {
  const lines: string[] = [];
  if (r.description !== undefined) lines.push(`${indent}“${r.description}”`);
  const rows: [string, string][] = [];
  conditionLines(r.conditions, indent, rows, w, true);
  lines.push(...aligned(rows));
  const tasks = r.tasks ?? [];
  for (const t of tasks) {
    if (t.status !== 'open') continue;
    const { kind, whom: who } = taskWords(t, w);
    lines.push(`${indent}• ${w.x.open(kind, who, t.dueOn)}  [${t.id}]`);
  }
  const late = tasks.filter((t) => t.status === 'breached');
  // A long run of missed deadlines is summed up; --json lists every task.
  if (late.length > MAX_LATE_LISTED) lines.push(`${indent}• ${w.x.lateSummary(late.length, late[0]?.dueOn ?? '', late[late.length - 1]?.dueOn ?? '')}`);
  else
    for (const t of late) {
      const { kind, whom: who } = taskWords(t, w);
      lines.push(`${indent}• ${w.x.late(kind, who, t.dueOn)}  [${t.id}]`);
    }
  return lines;
}

/** A decision's value: the code in English; the label and the code in Chinese (次级（substandard）). */
function topicValue(t: TopicExplanation, w: Words): string {
  if (t.topic === 'tasks') return w.x.outstanding(t.value.length);
  if (Array.isArray(t.value)) return t.value.length === 0 ? w.x.noneValue : t.value.join(', ');
  const code = String(t.value);
  if (!w.labels || t.topic === 'bucket') return code;
  const table: Readonly<Record<string, string>> | undefined =
    t.topic === 'classification' ? w.cat.classification : t.topic === 'state' ? w.cat.state : t.topic === 'riskLevel' ? w.cat.riskLevel : t.topic === 'managementMode' ? w.cat.managementMode : t.topic === 'segment' ? w.cat.segment : undefined;
  const label = table === undefined ? code : labelOf(table, code);
  return label === code ? code : `${label}（${code}）`;
}

function topicText(t: TopicExplanation, w: Words): string[] {
  const value = topicValue(t, w);
  const first = t.rules[0];
  // The rule that decides, when there is exactly one, goes on the heading line (as in the timeline).
  const headed = first !== undefined && (first.role === 'decides' || first.role === 'entered') && t.rules.filter((r) => r.role === first.role).length === 1 && t.topic !== 'tasks';
  const lines = [`${t.dimension ?? w.x.topic[t.topic]} = ${value}${headed ? `  ${ruleRef(first, w)}` : ''}`];
  if (w.x.because === undefined) {
    if (!headed || t.rules.length > 1 || first.role !== 'decides') lines.push(`  ${t.because}`);
  } else {
    // The principle in this locale; the explanation's own sentence as well where it names the values.
    lines.push(`  ${w.x.because[t.topic]}`);
    if (!headed || first.role !== 'decides') lines.push(`  ${w.x.original}：${t.because}`);
  }
  t.rules.forEach((r, i) => {
    if (i === 0 && headed) {
      lines.push(...ruleBody(r, '  ', w));
      return;
    }
    lines.push(`  ${w.x.role[r.role]} ${r.decides}  ${ruleRef(r, w)}`);
    lines.push(...ruleBody(r, '      ', w));
  });
  return lines;
}

/**
 * The explanation as text for people who read policy, not code: one block per decision, the deciding
 * rule on the heading line, each condition with ✓ or ✗ and the fact's value aligned beside it. In
 * `zh-CN` the frame, the decisions' names and values, the roles and the tasks are in Chinese; facts,
 * operators' symbols, ids and the rules' descriptions (the pack's own words) are shown as they are.
 *
 * @example
 * ```ts
 * process.stdout.write(renderExplanation(report, 'zh-CN'));
 * ```
 */
export function renderExplanation(report: ExplainReport, locale: Locale = 'en'): string {
  const cat = catalogueFor(locale);
  const w: Words = { x: cat.explain, cat, labels: locale !== 'en' };
  const lines = [
    w.x.header(report.loanId, report.asOf, `${report.pack.id} ${report.pack.version}`, report.rule),
    report.factsOn === report.asOf ? w.x.factsOn(report.factsOn) : w.x.factsOnLast(report.factsOn, String(report.facts['state'])),
  ];
  for (const t of report.decisions) lines.push('', ...topicText(t, w));
  // Each line may quote the history (ids, rule descriptions): escaped and masked, so none can forge a
  // line of its own or print personal data (P-CT-3).
  return `${lines.map((l) => maskPersonalData(escapeUnsafe(l))).join('\n')}\n`;
}
