/**
 * Every user-facing sentence about a rule pack's files, manifest, decisions and tables (`loadPack`,
 * `resolvePackChain`, `compileTable`, `explainDecisions`), in one place. Conditions have their own
 * module (`conditionMessages.ts`), the linter too (`lintMessages.ts`).
 */
import type { IssueText } from '../contract/messages';
import { textModule } from '../errors/issueText';
import { didYouMean, nearest } from '../errors/suggest';

/**
 * The texts of problems in a rule pack.
 *
 * @example
 * ```ts
 * packText.duplicateRule('bucket-M1', 'rules/bucket.json rules[0]').hint; // 'give every rule of the pack its own id'
 * ```
 */
export const packText = textModule('pack', {
  /**
   * A task rule names a kind no pack of the chain defines. `kindsFile` is the task-kinds file of the
   * rule's own pack, `manifestFile` its pack.json: the kind belongs there (a variant's file holds only the
   * kinds it adds), never in the extended pack's file, which the variant's author does not edit.
   */
  unknownTaskKind: (kind: string, kindsFile: string | undefined, known: readonly string[], manifestFile: string): IssueText => {
    const near = nearest(kind, known);
    const ask = near === undefined ? '' : `did you mean "${near}"? If not, `;
    return {
      message: `Unknown task kind "${kind}"`,
      hint:
        kindsFile === undefined
          ? `${ask}name a task-kinds file in ${manifestFile} ("tasks": "task-kinds.json") and define "${kind}" there; a variant's file holds only the kinds it adds`
          : `${ask}define "${kind}" in ${kindsFile}`,
    };
  },
  unknownEventType: (type: string, types: readonly string[]): IssueText => ({ message: `Unknown event type "${type}"`, hint: didYouMean(type, types) }),
  reversalAnchor: (): IssueText => ({
    message: 'A task cannot be anchored on a reversal',
    hint: 'anchor the task on the event the reversal takes back; a reversal leaves the loan as if that event had never been recorded',
  }),
  cadenceBreach: (times: number, days: number, perDay: number): IssueText => ({
    message: `The task needs ${times} calls in ${days} day${days === 1 ? '' : 's'}, more than contactConduct allows to one number (${perDay} a day): the cadence would schedule a breach of P-CS-11`,
    hint: `lower "times" to at most ${perDay * days}, or widen the window between "opens" and "due"`,
  }),
  unknownParamValue: (key: string, given: string, values: readonly string[]): IssueText => ({
    message: `Unknown ${key === 'to' ? 'state' : key} "${given}"`,
    hint: didYouMean(given, values),
  }),
  /** `inner` names the path relative to the decision's params; this names it from the file's root. */
  relocated: (inner: IssueText, from: string, to: string): IssueText => ({
    message: inner.message.replace(`\`${from}\``, `\`${to}\``),
    ...(inner.hint === undefined ? {} : { hint: inner.hint }),
  }),
  badDay: (value: string, problem: 'calendar' | 'range', first: string, last: string): IssueText => ({
    message: `"${value}" ${problem === 'calendar' ? 'is not a calendar date' : `is outside the supported dates ${first} to ${last}`}`,
    hint: 'use a real date, YYYY-MM-DD',
  }),
  effectiveToBeforeFrom: (): IssueText => ({ message: 'effectiveTo is before effectiveFrom', hint: 'swap the dates or remove effectiveTo' }),
  unknownTimeZone: (zone: string, known: readonly string[]): IssueText => {
    const near = nearest(zone, known);
    return { message: `Unknown time zone "${zone}"`, hint: near === undefined ? 'use an IANA time zone name such as "Asia/Shanghai"' : `did you mean "${near}"?` };
  },
  missingParam: (name: string, description: string, example: unknown): IssueText => ({
    message: `The parameter "${name}" is missing: ${description}`,
    hint: `add "${name}": ${JSON.stringify(example)} under "parameters"`,
  }),
  badParam: (name: string, inner: IssueText, example: unknown): IssueText => ({
    message: `Parameter "${name}": ${inner.message}`,
    hint: `e.g. "${name}": ${JSON.stringify(example)}`,
  }),
  duplicateRule: (id: string, where: string): IssueText => ({ message: `Rule id "${id}" is already used in ${where}`, hint: 'give every rule of the pack its own id' }),
  unknownDecisionType: (type: string, types: readonly string[]): IssueText => ({ message: `Unknown decision type "${type}"`, hint: didYouMean(type, types) }),
  notInherited: (id: string, inherited: readonly string[]): IssueText => {
    const near = nearest(id, inherited);
    return { message: `"${id}" is not a rule of the extended pack`, hint: near !== undefined ? `did you mean "${near}"?` : 'list ids of rules the extended pack defines' };
  },
  replacedAndDisabled: (id: string, where: string): IssueText => ({
    message: `"${id}" is both replaced (${where}) and disabled`,
    hint: 'keep one: remove the replacing rule, or remove the id from "disabledRules"',
  }),
  policyIdTwice: (id: string, first: number): IssueText => ({ message: `${id} is already listed at ids[${first}]`, hint: 'list every id once' }),
  inheritableMissing: (key: string): IssueText => ({ message: `"${key}" is required`, hint: `add "${key}", or name the pack this one varies with "extends"` }),
  rangeCell: (fact: string): IssueText => ({
    message: `Fact "${fact}" is a number: its cell is a range [min, max]`,
    hint: 'write [min, max] with both ends included and null for an open end, e.g. [1, 30] or [181, null]; for "one of" write { "in": [ … ] }',
  }),
  emptyRange: (lo: number, hi: number, fact: string): IssueText => ({
    message: `The range [${String(lo)}, ${String(hi)}] of "${fact}" is empty: its minimum is above its maximum`,
    hint: 'swap the two ends',
  }),
  listCell: (fact: string): IssueText => ({ message: `A list cell of "${fact}" holds the values it may have`, hint: 'list values only, e.g. ["normal", "overdueM1"]' }),
  inputTwice: (input: string): IssueText => ({ message: `"${input}" is already an input of the table`, hint: 'list every input once' }),
  notAnInput: (key: string, inputs: readonly string[]): IssueText => ({ message: `"${key}" is not an input of the table`, hint: `${didYouMean(key, inputs)} Or add "${key}" to "inputs"` }),
  emptyRow: (): IssueText => ({ message: 'The row tests no input, so it would hold for every loan', hint: 'give at least one input a cell' }),
  /** `where` lists the cells both rows allow, e.g. `dpd 1–30`. */
  rowsOverlap: (i: number, j: number, table: string, where: readonly string[]): IssueText => ({
    message: `Rows ${i} and ${j} of table "${table}" both hold for ${where.join(', ') || 'every loan'}`,
    hint: `under "hitPolicy": "unique" no two rows may hold together: narrow rows[${i}] or rows[${j}], or use "hitPolicy": "first"`,
  }),
  extendsUrl: (value: string): IssueText => ({
    message: `"extends" must be a directory relative to this pack, not a URL ("${value}")`,
    hint: 'copy the pack next to this one and write its relative directory, e.g. "../cn-default"',
  }),
  extendsAbsolute: (): IssueText => ({ message: '"extends" must be relative to this pack, not an absolute path', hint: 'write the directory relative to this pack, e.g. "../cn-default"' }),
  extendsBackslash: (value: string): IssueText => ({ message: '"extends" separates directories with "\\"', hint: `write "/" instead: "${value.replace(/\\/g, '/')}"` }),
  /** `listedAt` is the manifest key that names the file: its hint says how to do without it. */
  missingFile: (name: string, file: string, listedAt: string): IssueText => ({
    message: `The pack has no file "${name}"`,
    hint:
      listedAt === 'calendar.file'
        ? `create ${file}, or set "calendar": "cn" to use the built-in PRC calendar`
        : listedAt === 'tasks'
          ? `create ${file}, or remove "tasks" if the pack raises no tasks`
          : `create ${file} or remove it from the list`,
  }),
  chainTooDeep: (own: string, max: number, first: string): IssueText => ({
    message: `The chain of "extends" from ${own} goes more than ${max} packs deep`,
    hint: `let ${first} extend a pack nearer the base, or copy the rules it needs`,
  }),
  extendsCycle: (value: string, earlier: string): IssueText => ({
    message: `"extends": "${value}" leads back to ${earlier}: the packs extend each other in a cycle`,
    hint: 'remove "extends" from one of them: a base pack extends nothing',
  }),
  nothingToExtend: (value: string, display: string, base: string): IssueText => ({
    message: `No pack to extend at "${value}": there is no ${display}`,
    hint: `write the directory of the extended pack relative to ${base || 'this pack'}, e.g. "../cn-default"`,
  }),
  scaleValueTwice: (what: string, value: string, first: number): IssueText => ({
    message: `"${value}" is listed twice in "${what}" (first at [${first}])`,
    hint: 'list each value once',
  }),
  stickyNotAValue: (value: string, values: readonly string[]): IssueText => ({
    message: `The sticky value "${value}" is not one of the dimension's values`,
    hint: nearest(value, values) === undefined ? `list only values of "values": ${values.join(', ')}` : didYouMean(value, values),
  }),
  tooManyDimensions: (count: number, max: number): IssueText => ({
    message: `The pack declares ${count} dimensions; at most ${max} are allowed`,
    hint: 'drop the dimensions no rule sets',
  }),
  dimensionIsFact: (name: string): IssueText => ({
    message: `The dimension "${name}" has the name of a built-in fact`,
    hint: `rules read a dimension as the fact of its name: give it a name of its own, e.g. "${name}Stage"`,
  }),
  dimensionReserved: (name: string): IssueText => ({
    message: `"${name}" cannot name a dimension`,
    hint: 'choose another name, e.g. "stage"',
  }),
  unknownDimension: (name: string, known: readonly string[]): IssueText => ({
    message: `Unknown dimension "${name}"`,
    hint:
      known.length === 0
        ? `declare it in pack.json: "scales": { "dimensions": { "${name}": { "values": [ … ] } } }`
        : nearest(name, known) !== undefined
          ? didYouMean(name, known)
          : `declare it in pack.json under "scales.dimensions", or use one of: ${known.join(', ')}`,
  }),
  notADimensionValue: (dimension: string, value: string, values: readonly string[]): IssueText => ({
    message: `"${value}" is not a value of the dimension "${dimension}"`,
    hint: nearest(value, values) === undefined ? `use one of: ${values.join(', ')}` : didYouMean(value, values),
  }),
  dimensionOnlyForUpgrade: (action: string): IssueText => ({
    message: `A permit for "${action}" names no dimension`,
    hint: 'remove "dimension": only an "upgrade" permit may name the dimension it lets improve',
  }),
  bucketsStartAtZero: (from: number): IssueText => ({ message: `The first bucket starts at DPD ${from}`, hint: 'start the first bucket at "from": 0, so every loan has a bucket' }),
  bucketGapOrOverlap: (name: string, from: number, expected: number): IssueText => ({
    message: `Bucket "${name}" starts at DPD ${from}; the bucket before it ends at ${expected - 1}`,
    hint: `set "from": ${expected}: the buckets must follow each other without gaps or overlaps`,
  }),
  bucketEndsBeforeStart: (name: string, from: number, to: number): IssueText => ({ message: `Bucket "${name}" ends (${to}) before it starts (${from})`, hint: `give "to" a value of at least ${from}` }),
  lastBucketClosed: (name: string): IssueText => ({ message: `The last bucket "${name}" has an end`, hint: 'remove its "to": the last bucket holds every DPD from its "from" on' }),
  bucketOpenBeforeLast: (name: string): IssueText => ({ message: `Bucket "${name}" has no "to" but is not the last`, hint: 'give it a "to", or move it last' }),
  notATier: (tier: string, tiers: readonly string[]): IssueText => ({ message: `"${tier}" is not one of the tiers`, hint: nearest(tier, tiers) === undefined ? `use one of: ${tiers.join(', ')}` : didYouMean(tier, tiers) }),
  nonPerformingNotTail: (tail: readonly string[]): IssueText => ({
    message: 'The non-performing tiers are not the worst tiers',
    hint: `list the worst tiers, e.g. ${tail.map((t) => `"${t}"`).join(', ')}: a tier worse than a non-performing one is non-performing too`,
  }),
  firstTierNonPerforming: (tier: string): IssueText => ({ message: `The best tier "${tier}" is listed as non-performing`, hint: 'a new loan starts in the best tier: leave it performing' }),
  provisionRateTiers: (missing: readonly string[], extra: readonly string[]): IssueText => ({
    message: `provisionRates ${missing.length > 0 ? `has no rate for ${missing.join(', ')}` : ''}${missing.length > 0 && extra.length > 0 ? ' and ' : ''}${extra.length > 0 ? `has rates for ${extra.join(', ')}, which are not tiers` : ''}`,
    hint: 'give one rate for each tier of the classification scale, and no other',
  }),
  noSuchRule: (packId: string, version: string, rule: string, ids: readonly string[]): IssueText => ({
    message: `Pack ${packId} ${version} has no rule "${rule}"`,
    hint: didYouMean(rule, ids),
  }),
});
