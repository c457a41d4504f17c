import type { IssueText } from '../contract/messages';
import { formatPath, type IssueCode } from '../errors/PostloanIssue';
import { loanEventSchema } from '../history/events';
import { formatMoney } from '../money/fen';
import type { ConditionNode, LeafNode } from './conditions';
import {
  ALL_NUMBERS,
  boxesIntersect,
  complementIntervals,
  constrainsOnlyDpd,
  dpdOf,
  formatIntervals,
  intersectIntervals,
  isCovered,
  leafSet,
  toBoxes,
  unionIntervals,
  withStateDomain,
  type Box,
  type IntervalSet,
} from './conditionSpace';
import type { DecisionType } from './decisions';
import { specOf, type FactEvolution, type FactName } from './facts';
import { CoverIndex } from './coverIndex';
import { lintClause, lintText } from './lintMessages';
import { textRefOf, withTextRef } from '../errors/issueText';
import { loadPack, type CompiledPack, type CompiledRule, type PackFiles } from './loadPack';
import { ENGINE_PARAMETERS, MATERIALITY_PARAMETERS, PORTFOLIO_PARAMETERS } from './parameters';
import type { Classification } from './vocabulary';
import { tierRank } from './scales';

/**
 * Codes of the findings {@link lintPack} adds to the schema checks of `loadPack`; stable, so tools and
 * CI scripts may switch on them.
 *
 * @example
 * ```ts
 * LINT_CODES.includes('lint.dpdGap'); // true
 * ```
 */
export const LINT_CODES = [
  'lint.dpdGap',
  'lint.dpdOverlap',
  'lint.neverFires',
  'lint.shadowed',
  'lint.unusedParameter',
  'lint.unusedTaskKind',
  'lint.unclosableTaskKind',
  'lint.deadClosingEvent',
  'lint.policyNotCovered',
  'lint.policyUndeclared',
  'lint.dailyFact',
  'lint.stateWithoutRole',
  'lint.permitNeverRead',
] as const;
/**
 * One of {@link LINT_CODES}.
 *
 * @example
 * ```ts
 * const code: LintCode = 'lint.shadowed';
 * ```
 */
export type LintCode = (typeof LINT_CODES)[number];

/**
 * A problem `postloan validate` reports about a pack: a load error of `loadPack` (always an `error`)
 * or a lint finding. Like a {@link PostloanIssue}, with a severity: errors make a pack invalid,
 * warnings do not (unless `--strict`).
 *
 * @example
 * ```ts
 * const f: PackFinding = {
 *   severity: 'error', code: 'lint.dpdGap', file: 'rules/my-pack/buckets.json', path: 'rules',
 *   message: 'No bucket rule holds for DPD 31–32: a loan there keeps its previous bucket',
 *   hint: 'add a bucket rule for these days or widen a neighbouring range: every DPD needs exactly one bucket',
 * };
 * ```
 */
export interface PackFinding {
  readonly severity: 'error' | 'warning';
  readonly code: IssueCode | LintCode;
  readonly message: string;
  /** The file the problem is in, as `loadPack` names it (with its `dir`). */
  readonly file?: string;
  /** JSON path inside the file, e.g. `rules[3].conditions.all[0]`; empty for the whole document. */
  readonly path: string;
  /** What to do about it. */
  readonly hint?: string;
}

type Positions = ReadonlyMap<CompiledRule, string>;
type Boxes = ReadonlyMap<CompiledRule, readonly Box[] | undefined>;

function finding(severity: PackFinding['severity'], code: LintCode, file: string | undefined, path: string, text: IssueText): PackFinding {
  return withTextRef({ severity, code, ...(file === undefined ? {} : { file }), path, message: text.message, ...(text.hint === undefined ? {} : { hint: text.hint }) }, textRefOf(text));
}

/** `rules[k]`: each rule's place in its own file (`CompiledRule.index` counts across files). */
function rulePositions(pack: CompiledPack): Positions {
  const byFile = new Map<string, CompiledRule[]>();
  for (const r of pack.rules) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const out = new Map<CompiledRule, string>();
  for (const rules of byFile.values()) [...rules].sort((a, b) => a.index - b.index).forEach((r, k) => out.set(r, `rules[${k}]`));
  return out;
}

function leavesOf(node: ConditionNode, path: string, out: { leaf: LeafNode; path: string }[] = []): { leaf: LeafNode; path: string }[] {
  switch (node.kind) {
    case 'leaf':
      out.push({ leaf: node, path });
      break;
    case 'not':
      leavesOf(node.item, `${path}.not`, out);
      break;
    case 'all':
    case 'any':
      node.items.forEach((item, i) => leavesOf(item, `${path}.${node.kind}[${i}]`, out));
      break;
  }
  return out;
}

function formatRatio(millionths: number): string {
  const frac = String(millionths % 1_000_000).padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${Math.floor(millionths / 1_000_000)}.${frac}`;
}

/** A leaf as written, values shown the way rule files write them: `all[1] (dpd lessThan 30)`. */
function describeLeaf(leaf: LeafNode, where: string): string {
  const type = specOf(leaf.fact).type;
  const show = (v: unknown): string =>
    type === 'money' && typeof v === 'number' ? `"${formatMoney(v)}"` : type === 'ratio' && typeof v === 'number' ? `"${formatRatio(v)}"` : JSON.stringify(v);
  const value =
    leaf.value.kind === 'fact'
      ? `fact "${leaf.value.fact}"`
      : `${Array.isArray(leaf.value.value) ? `[${leaf.value.value.map(show).join(', ')}]` : show(leaf.value.value)}${leaf.value.param === undefined ? '' : ` from parameter "${leaf.value.param}"`}`;
  return `${where} (${leaf.fact}${leaf.path?.text.slice(1) ?? ''} ${leaf.operator} ${value})`;
}

/** Why a rule can never fire: the leaves of its top `all` on one fact that cannot hold together, when there are such. */
function contradiction(rule: CompiledRule): IssueText {
  const root = rule.conditions;
  if (root.kind === 'all') {
    const byFact = new Map<FactName, { leaf: LeafNode; text: string }[]>();
    root.items.forEach((item, i) => {
      if (item.kind === 'leaf' && leafSet(item) !== undefined) byFact.set(item.fact, [...(byFact.get(item.fact) ?? []), { leaf: item, text: describeLeaf(item, `all[${i}]`) }]);
    });
    for (const group of byFact.values()) {
      if (toBoxes({ kind: 'all', items: group.map((g) => g.leaf) })?.length === 0) return lintText.neverFiresConflict(rule.id, group.map((g) => g.text));
    }
  }
  return lintText.neverFires(rule.id);
}

/** `path.key`, or `path["odd key"]` for a key that is not an identifier. */
function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const PROBE_DAY = '2026-01-01';

/**
 * Why a history event of `eventType` can never have `want` (one value, or a list meaning "any of")
 * in its field `key`, as the history parser would say; undefined when some value can match. The probe
 * event carries only `key`: problems of other fields are not this field's.
 */
function fieldProblem(eventType: string, key: string, want: unknown): string | undefined {
  const alternatives: readonly unknown[] = Array.isArray(want) ? want : [want];
  if (key === 'type') return alternatives.includes(eventType) ? undefined : `is always "${eventType}"`;
  let reason: string | undefined;
  for (const alt of alternatives) {
    const r = loanEventSchema.safeParse({ id: 'probe', type: eventType, on: PROBE_DAY, [key]: alt });
    const issue = r.success ? undefined : r.error.issues.find((i) => i.path[0] === key);
    if (issue === undefined) return undefined;
    reason ??= issue.message;
  }
  return reason === undefined ? undefined : `never matches ${JSON.stringify(want)}: ${reason}`;
}

function neverFires(pack: CompiledPack, at: Positions, boxes: Boxes): PackFinding[] {
  const out: PackFinding[] = [];
  for (const rule of pack.rules) {
    const where = at.get(rule) ?? '';
    if (boxes.get(rule)?.length === 0) out.push(finding('error', 'lint.neverFires', rule.file, `${where}.conditions`, contradiction(rule)));
    const d = rule.decision;
    if (d.type === 'task' && d.anchor === 'event' && d.event !== undefined && d.match !== undefined) {
      for (const [key, want] of Object.entries(d.match)) {
        const problem = fieldProblem(d.event, key, want);
        if (problem !== undefined) {
          out.push(finding('error', 'lint.neverFires', rule.file, keyPath(`${where}.event.params.match`, key), lintText.anchorNeverMatches(rule.id, d.event, key, problem)));
        }
      }
    }
  }
  return out;
}

/** Decision types where the first matching rule (highest priority, then pack order) decides. */
const FIRST_MATCH = ['bucket', 'riskLevel', 'managementMode', 'segment'] as const satisfies readonly DecisionType[];

function bucketOf(rule: CompiledRule): string {
  return rule.decision.type === 'bucket' ? rule.decision.bucket : rule.decision.type;
}

/** The exact DPD set of a rule whose conditions read DPD only (with literals or parameters), else undefined. */
function pureDpdSet(rule: CompiledRule, boxes: Boxes): IntervalSet | undefined {
  const b = boxes.get(rule);
  if (b === undefined || b.length === 0 || !b.every(constrainsOnlyDpd)) return undefined;
  return b.map(dpdOf).reduce(unionIntervals, []);
}

/** Shadowed first-match rules, and overlapping DPD ranges of bucket rules that read DPD only. */
function firstMatch(pack: CompiledPack, at: Positions, boxes: Boxes): PackFinding[] {
  const out: PackFinding[] = [];
  for (const type of FIRST_MATCH) {
    const rules = pack.rulesByType[type];
    const cover = new CoverIndex();
    const shadowed = new Set<CompiledRule>();
    for (const rule of rules) {
      const b = boxes.get(rule);
      if (b === undefined || b.length === 0) continue;
      // Only the boxes above that meet this rule's boxes can cover them (one that does not adds only
      // values outside them): the index finds those without a scan of every rule above.
      const near = cover.meeting(b);
      const nearBoxes = near.map((c) => c.box);
      if (near.length > 0 && b.every((box) => isCovered(box, nearBoxes))) {
        // Name the first rule that covers it alone, else every rule above it that it overlaps.
        const byRule = new Map<CompiledRule, Box[]>();
        for (const c of near) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c.box]);
        const above = [...byRule.keys()];
        const alone = above.find((r) => b.every((box) => isCovered(box, byRule.get(r) ?? [])));
        const by = alone !== undefined ? [alone] : above.filter((r) => (byRule.get(r) ?? []).some((c) => b.some((box) => boxesIntersect(box, c))));
        shadowed.add(rule);
        out.push(
          finding('warning', 'lint.shadowed', rule.file, at.get(rule) ?? '', lintText.shadowed(rule.id, type, by.map((r) => r.id), by.every((r) => r.priority === rule.priority))),
        );
      }
      for (const box of b) cover.add(rule, box);
    }
    if (type !== 'bucket') continue;
    const pure = rules.flatMap((rule) => {
      const set = pureDpdSet(rule, boxes);
      return set === undefined ? [] : [{ rule, set }];
    });
    pure.forEach(({ rule, set }, k) => {
      if (shadowed.has(rule)) return;
      const lo = set[0]?.[0] ?? Infinity;
      const hi = set[set.length - 1]?.[1] ?? -Infinity;
      for (let j = 0; j < k; j++) {
        const earlier = pure[j] as (typeof pure)[number];
        // Disjoint hulls cannot overlap: skipped without building the intersection.
        if ((earlier.set[0]?.[0] ?? Infinity) > hi || (earlier.set[earlier.set.length - 1]?.[1] ?? -Infinity) < lo) continue;
        if (bucketOf(earlier.rule) === bucketOf(rule)) continue;
        const both = intersectIntervals(earlier.set, set);
        if (both.length === 0) continue;
        out.push(
          finding(
            'warning',
            'lint.dpdOverlap',
            rule.file,
            `${at.get(rule) ?? ''}.conditions`,
            lintText.bucketOverlap(earlier.rule.id, bucketOf(earlier.rule), rule.id, bucketOf(rule), formatIntervals(both), earlier.rule.priority === rule.priority),
          ),
        );
      }
    });
  }
  return out;
}

/** DPD values no bucket rule is sure to hold for (a rule with other conditions may or may not). */
function bucketGaps(pack: CompiledPack, boxes: Boxes): PackFinding[] {
  const rules = pack.rulesByType.bucket;
  const first = [...rules].sort((a, b) => a.index - b.index)[0];
  if (first === undefined) return [];
  let sure: IntervalSet = [];
  for (const rule of rules) {
    for (const box of boxes.get(rule) ?? []) if (constrainsOnlyDpd(box)) sure = unionIntervals(sure, dpdOf(box));
  }
  const gap = complementIntervals(sure);
  if (gap.length === 0) return [];
  const conditional = rules.filter((rule) => {
    const b = boxes.get(rule);
    const may = b === undefined ? ALL_NUMBERS : b.map(dpdOf).reduce(unionIntervals, []);
    return intersectIntervals(may, gap).length > 0;
  });
  return [finding('error', 'lint.dpdGap', first.file, 'rules', lintText.bucketGap(formatIntervals(gap), conditional.map((r) => r.id)))];
}

/**
 * Classification floors are not a partition (the worst floor that holds wins, so overlaps are the
 * point); what must hold is that the floors that read DPD only never get better as DPD grows.
 */
function floorDrops(pack: CompiledPack, boxes: Boxes): PackFinding[] {
  const pure = pack.rulesByType.classificationFloor.flatMap((rule) => {
    const set = pureDpdSet(rule, boxes);
    return set === undefined || rule.decision.type !== 'classificationFloor' ? [] : [{ rule, set, tier: rule.decision.classification }];
  });
  const first = [...pure].sort((a, b) => a.rule.index - b.rule.index)[0];
  if (first === undefined) return [];
  // Ranked on the pack's classification scale (cn-default's five tiers by default).
  const scale = pack.scales.classification;
  const classificationRank = (tier: string): number => tierRank(scale, tier);
  const bounds = [...new Set([0, ...pure.flatMap(({ set }) => set.flatMap(([lo, hi]) => (hi === Infinity ? [lo] : [lo, hi + 1])))])].sort((a, b) => a - b);
  const tierAt = (dpd: number): Classification =>
    pure.filter(({ set }) => intersectIntervals(set, [[dpd, dpd]]).length > 0).reduce<Classification>((worst, p) => (classificationRank(p.tier) > classificationRank(worst) ? p.tier : worst), scale.tiers[0] as Classification);
  const drops = new Map<string, { tier: Classification; peak: Classification; at: IntervalSet; peakAt: IntervalSet }>();
  let peak: { tier: Classification; at: IntervalSet } | undefined;
  bounds.forEach((lo, k) => {
    const segment: IntervalSet = [[lo, (bounds[k + 1] ?? Infinity) - 1]];
    const tier = tierAt(lo);
    if (peak === undefined || classificationRank(tier) > classificationRank(peak.tier)) peak = { tier, at: segment };
    else if (tier === peak.tier) peak = { tier, at: unionIntervals(peak.at, segment) };
    else {
      const key = `${tier}|${peak.tier}`;
      const prev = drops.get(key);
      drops.set(key, { tier, peak: peak.tier, at: unionIntervals(prev?.at ?? [], segment), peakAt: peak.at });
    }
  });
  return [...drops.values()].map((d) =>
    finding('error', 'lint.dpdGap', first.rule.file, 'rules', lintText.floorDrop(formatIntervals(d.at), d.tier, d.peak, formatIntervals(d.peakAt), d.peakAt[d.peakAt.length - 1]?.[1] ?? 0)),
  );
}

function unusedParameters(pack: CompiledPack): PackFinding[] {
  const used = new Set<string>();
  for (const rule of pack.rules) {
    for (const { leaf } of leavesOf(rule.conditions, '')) if (leaf.value.kind === 'const' && leaf.value.param !== undefined) used.add(leaf.value.param);
  }
  const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
  return Object.keys(pack.parameters)
    .filter((name) => !used.has(name) && !own(ENGINE_PARAMETERS, name) && !own(PORTFOLIO_PARAMETERS, name) && !own(MATERIALITY_PARAMETERS, name))
    .map((name) => finding('warning', 'lint.unusedParameter', pack.files.manifest, formatPath(['parameters', name]), lintText.unusedParameter(name)));
}

function taskKinds(pack: CompiledPack): PackFinding[] {
  // Kinds merged from several packs' files: each finding names the file its kind comes from.
  const fileOf = (kind: string): string | undefined => pack.files.taskKinds?.[kind] ?? pack.files.tasks;
  const raisedFor = new Map<string, Set<string>>();
  for (const rule of pack.rulesByType.task) {
    if (rule.decision.type !== 'task') continue;
    const parties = raisedFor.get(rule.decision.kind) ?? new Set<string>();
    parties.add(rule.decision.party);
    raisedFor.set(rule.decision.kind, parties);
  }
  const out: PackFinding[] = [];
  for (const [kind, def] of Object.entries(pack.taskKinds)) {
    const parties = [...(raisedFor.get(kind) ?? [])];
    const file = fileOf(kind);
    if (parties.length === 0) out.push(finding('warning', 'lint.unusedTaskKind', file, formatPath(['kinds', kind]), lintText.unusedTaskKind(kind)));
    const entries = def.closedBy.map((c, i) => {
      let matchReason: string | undefined;
      for (const [key, want] of Object.entries(c.match ?? {})) {
        const problem = fieldProblem(c.event, key, want);
        if (problem !== undefined) {
          matchReason = lintClause.fieldNeverMatches(c.event, key, problem);
          break;
        }
      }
      const namesParty = c.sameParty === undefined || fieldProblem(c.event, c.sameParty, 'party') === undefined;
      const closes = (party: string): boolean => matchReason === undefined && (namesParty || party === 'borrower');
      const reason = matchReason ?? (c.sameParty === undefined ? '' : lintClause.samePartyMissing(c.event, c.sameParty, parties.filter((p) => p !== 'borrower')));
      return { i, closes, reason, usable: parties.length === 0 ? matchReason === undefined : parties.some(closes) };
    });
    const stuck = parties.filter((p) => !entries.some((e) => e.closes(p)));
    if (stuck.length > 0 || entries.every((e) => !e.usable)) {
      out.push(
        finding('error', 'lint.unclosableTaskKind', file, formatPath(['kinds', kind, 'closedBy']), lintText.unclosableTaskKind(kind, stuck, entries.filter((e) => e.reason !== '').map((e) => `closedBy[${e.i}]: ${e.reason}`))),
      );
    } else {
      for (const e of entries) if (!e.usable) out.push(finding('warning', 'lint.deadClosingEvent', file, formatPath(['kinds', kind, 'closedBy', e.i]), lintText.deadClosingEvent(kind, e.i, e.reason)));
    }
  }
  return out;
}

function policyCoverage(pack: CompiledPack, at: Positions): PackFinding[] {
  const policy = pack.policy;
  if (policy === undefined) return [];
  const declared = new Set(policy.ids);
  const outside = new Set(Object.keys(policy.outsideRules));
  const byId = new Map<string, CompiledRule[]>();
  for (const rule of [...pack.rules].sort((a, b) => a.index - b.index)) byId.set(rule.policyId, [...(byId.get(rule.policyId) ?? []), rule]);
  const out: PackFinding[] = [];
  policy.ids.forEach((id, k) => {
    if (!byId.has(id) && !outside.has(id)) out.push(finding('warning', 'lint.policyNotCovered', pack.files.manifest, `policy.ids[${k}]`, lintText.policyNotCovered(id)));
  });
  for (const [id, rules] of byId) {
    const rule = rules[0];
    if (rule === undefined || declared.has(id)) continue;
    out.push(finding('warning', 'lint.policyUndeclared', rule.file, `${at.get(rule) ?? ''}.name`, lintText.policyUndeclaredRule(id, rule.id, rules.length - 1)));
  }
  for (const id of outside) {
    if (!declared.has(id)) out.push(finding('warning', 'lint.policyUndeclared', pack.files.manifest, formatPath(['policy', 'outsideRules', id]), lintText.policyUndeclaredOutside(id)));
  }
  return out;
}

/** Facts that grow by one a day: the engine computes the day a literal threshold is crossed, not the day two of them cross. */
const COUNTING: readonly FactEvolution[] = ['dpd', 'sinceDisbursement', 'unreachable', 'inState', 'sinceCure', 'materialDpd', 'sinceMaterialArrears', 'sinceRestructuring', 'sinceMaterialEvent'];

function dailyFacts(pack: CompiledPack, at: Positions): PackFinding[] {
  const out: PackFinding[] = [];
  for (const rule of pack.rules) {
    for (const { leaf, path } of leavesOf(rule.conditions, `${at.get(rule) ?? ''}.conditions`)) {
      const facts = leaf.value.kind === 'fact' ? [leaf.fact, leaf.value.fact] : [leaf.fact];
      const daily = facts.find((f) => specOf(f).evolves === 'daily');
      if (daily !== undefined) out.push(finding('warning', 'lint.dailyFact', rule.file, path, lintText.dailyFact(rule.id, daily)));
      else if (leaf.value.kind === 'fact' && facts.every((f) => COUNTING.includes(specOf(f).evolves))) {
        out.push(finding('warning', 'lint.dailyFact', rule.file, path, lintText.timeFacts(rule.id, leaf.fact, leaf.value.fact)));
      }
    }
  }
  return out;
}

const NATURAL = new Intl.Collator('en', { numeric: true });

/** Compares `rules[2]` before `rules[10]` (one collator: `localeCompare` builds one per call). */
function naturalCompare(a: string, b: string): number {
  return NATURAL.compare(a, b);
}

/**
 * Lints a loaded pack: what the schema checks of `loadPack` cannot see. Every finding has a stable
 * `code`, the file and JSON path it is about, a message and a hint:
 *
 * - `lint.dpdGap` (error): a DPD no bucket rule holds for; DPD-only classification floors that get
 *   better as DPD grows.
 * - `lint.dpdOverlap` (warning): two bucket rules reading DPD only whose ranges overlap (the first one decides).
 * - `lint.neverFires` (error): contradictory conditions (`dpd > 90` and `dpd < 30`), or a task rule
 *   waiting for an event field value that no event can have.
 * - `lint.shadowed` (warning): a bucket, risk-level, management-mode or segment rule that never
 *   decides because a rule ranked above it holds whenever it does.
 * - `lint.unusedParameter` (warning): a parameter no rule reads and the engine does not use.
 * - `lint.unusedTaskKind` (warning), `lint.unclosableTaskKind` (error), `lint.deadClosingEvent`
 *   (warning): task kinds raised by no rule, or that no event can do.
 * - `lint.policyNotCovered`, `lint.policyUndeclared` (warnings): pack.json's `policy` declaration
 *   against the rules' policy ids.
 * - `lint.dailyFact` (warning): a rule on a fact that changes every day, which makes replay look
 *   at every loan every day.
 * - `lint.stateWithoutRole` (warning): a state of the pack's own statechart with no role (tags): the
 *   engine treats it as nothing in particular (no agency kept, not off the book).
 * - `lint.permitNeverRead` (warning): a rule permits earlyOutsourcing or writeOff but no transition of
 *   the pack's statechart is guarded by that permit.
 *
 * Findings are ordered by file (pack.json, rule files in pack order, task kinds) and by path.
 *
 * @example
 * ```ts
 * const findings = lintPack(cnDefaultPack());
 * findings.filter((f) => f.severity === 'error'); // []
 * findings.find((f) => f.code === 'lint.policyNotCovered')?.path; // e.g. 'policy.ids[44]'
 * ```
 */
export function lintPack(pack: CompiledPack): readonly PackFinding[] {
  return withStateDomain(pack.statechart.states, () => lintWithStates(pack));
}

/** A pack's own statechart: states with no role, and permits no transition reads. */
function statechartFindings(pack: CompiledPack, at: Positions): PackFinding[] {
  const chart = pack.statechart;
  // The default statechart is checked by its tests; only a pack's own file is linted.
  const file = pack.files.statechart;
  if (file === undefined) return [];
  const out: PackFinding[] = [];
  for (const state of chart.states) {
    if (chart.roles(state).size === 0) out.push(finding('warning', 'lint.stateWithoutRole', file, `states.${state}.tags`, lintText.stateWithoutRole(state)));
  }
  const read = new Set(
    Object.values(chart.config.states).flatMap((s) =>
      Object.values(s.on ?? {}).flatMap((ts) => (Array.isArray(ts) ? ts : ts === undefined ? [] : [ts]).flatMap((t) => (t.guard?.type === 'permitted' ? [t.guard.params.action] : []))),
    ),
  );
  for (const rule of pack.rulesByType.permit) {
    if (rule.decision.type === 'permit' && rule.decision.action !== 'upgrade' && !read.has(rule.decision.action)) {
      out.push(finding('warning', 'lint.permitNeverRead', rule.file, `${at.get(rule) ?? ''}.event.params.action`, lintText.permitNeverRead(rule.id, rule.decision.action, file)));
    }
  }
  return out;
}

function lintWithStates(pack: CompiledPack): readonly PackFinding[] {
  const at = rulePositions(pack);
  const boxes = new Map(pack.rules.map((r) => [r, toBoxes(r.conditions)] as const));
  const findings = [
    ...neverFires(pack, at, boxes),
    ...firstMatch(pack, at, boxes),
    ...bucketGaps(pack, boxes),
    ...floorDrops(pack, boxes),
    ...unusedParameters(pack),
    ...taskKinds(pack),
    ...policyCoverage(pack, at),
    ...dailyFacts(pack, at),
    ...statechartFindings(pack, at),
  ];
  const fileOrder = [
    pack.files.manifest,
    ...new Set([...pack.rules].sort((a, b) => a.index - b.index).map((r) => r.file)),
    ...new Set([...Object.values(pack.files.taskKinds ?? {}), ...(pack.files.tasks === undefined ? [] : [pack.files.tasks])]),
    ...(pack.files.statechart === undefined ? [] : [pack.files.statechart]),
  ];
  const rank = (f: PackFinding): number => (f.file === undefined ? -1 : fileOrder.indexOf(f.file));
  return findings.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || naturalCompare(a.f.path, b.f.path) || a.i - b.i).map(({ f }) => f);
}

/**
 * Loads a pack from its files and lints it: `loadPack`'s problems as errors when it does not load
 * (the lints need a loaded pack), else {@link lintPack}'s findings. What `postloan validate` prints.
 * Custom operators the pack requires are assumed provided: the host registers them, not the pack.
 *
 * @example
 * ```ts
 * const findings = validatePack({ 'pack.json': manifestText, 'buckets.json': bucketsText }, { dir: 'rules/my-pack/' });
 * const valid = !findings.some((f) => f.severity === 'error');
 * console.log(formatFindings(findings));
 * ```
 */
export function validatePack(files: PackFiles, options: { readonly dir?: string } = {}): readonly PackFinding[] {
  // The host's operators are not here: a pack's structure is checked as if they were.
  const loaded = loadPack(files, { ...options, assumeRequiredOperators: true });
  if (loaded.ok) return lintPack(loaded.value);
  return loaded.issues.map((i) => withTextRef({ severity: 'error', code: i.code, ...(i.file === undefined ? {} : { file: i.file }), path: i.path, message: i.message, ...(i.hint === undefined ? {} : { hint: i.hint }) }, textRefOf(i)));
}
