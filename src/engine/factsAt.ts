import { PostloanError } from '../errors/PostloanError';
import type { History } from '../history/parseHistory';
import type { Facts } from '../rules/facts';
import type { CompiledPack, CompiledRule } from '../rules/loadPack';
import type { DecisionType } from '../rules/decisions';
import { addDays, parseDay, type Day } from '../time/day';
import { replay } from './replay';

/** A lifecycle move made by a transition rule, with the facts the rule saw when it fired (before the move). */
export interface RuleMove {
  readonly on: Day;
  readonly ruleId: string;
  readonly from: string;
  readonly to: string;
  readonly facts: Readonly<Facts>;
}

/**
 * What {@link factsAt} returns.
 *
 * @example
 * ```ts
 * const { facts, moves }: FactsAt = factsAt(history, pack, day('2026-07-10'));
 * moves.at(-1)?.facts.dpd; // the DPD on the day of the latest move, e.g. 91
 * ```
 */
export interface FactsAt {
  /**
   * The day of the last evaluation: `asOf`, unless the loan stopped being looked at before (a settled
   * loan is evaluated only on the dates its remaining tasks need).
   */
  readonly on: Day;
  /** Every fact at the end of that day, after the day's decisions (money in fen, ratios in millionths). */
  readonly facts: Readonly<Facts>;
  /** Every lifecycle move a transition rule made up to `asOf`, oldest first. */
  readonly moves: readonly RuleMove[];
}

/** The day an evaluation's facts belong to: `daysSinceDisbursement` is counted from disbursement. */
function dayOf(history: History, facts: Facts): Day {
  return addDays(history.loan.disbursedOn, facts.daysSinceDisbursement);
}

/**
 * The facts the rules saw at `asOf`: replays the history with the loan looked at every day, so the last
 * evaluation is `asOf` itself (the wake-date schedule may stop earlier, and facts such as `dpd` keep
 * moving between wake dates while no decision changes), and records the facts behind each lifecycle
 * move. For explaining decisions (`postloan explain`); slower than {@link replay}, which it reuses
 * unchanged: every rule of the pack is wrapped so its test also notes the facts it is given.
 *
 * Throws the {@link PostloanError} of `replay` (an `asOf` before disbursement or outside the pack's
 * dates), and one when the pack has no rules (nothing is evaluated, so there is nothing to explain).
 *
 * @example
 * ```ts
 * const { facts, on } = factsAt(history, cnDefaultPack(), day('2026-07-10'));
 * facts.dpd; // 100
 * formatDay(on); // '2026-07-10'
 * ```
 */
export function factsAt(history: History, pack: CompiledPack, asOf: Day): FactsAt {
  let last: Facts | undefined;
  // The facts each transition rule saw when it held, by day, rule and state: only those matching a
  // stateChanged entry of the timeline are moves (the statechart may refuse the others).
  const held = new Map<string, Facts>();
  const wrap = (rule: CompiledRule): CompiledRule => ({
    ...rule,
    test: (facts) => {
      last = facts;
      const result = rule.test(facts);
      if (result && rule.decision.type === 'transition') held.set(`${dayOf(history, facts)}|${rule.id}|${facts.state}`, { ...facts });
      return result;
    },
  });
  const wrapped = new Map(pack.rules.map((r) => [r, wrap(r)]));
  const byType = Object.fromEntries(
    Object.entries(pack.rulesByType).map(([type, rules]) => [type, rules.map((r) => wrapped.get(r) ?? wrap(r))]),
  ) as Record<DecisionType, CompiledRule[]>;
  const spied: CompiledPack = { ...pack, rules: [...wrapped.values()], rulesByType: byType };

  const output = replay(history, spied, { asOf, evaluateDaily: true });
  const facts = last;
  if (facts === undefined) {
    throw new PostloanError([{ code: 'input.invalid', path: '', file: pack.files.manifest, message: `Pack ${pack.id} ${pack.version} has no rules: no decision to explain`, hint: 'use a pack with rules, such as the built-in cn-default' }]);
  }
  const moves: RuleMove[] = [];
  for (const e of output.timeline) {
    const ruleId = e.kind === 'stateChanged' ? e.rules?.[0] : undefined;
    if (e.kind !== 'stateChanged' || ruleId === undefined) continue;
    const seen = held.get(`${parseDay(e.on) ?? ''}|${ruleId}|${e.from}`);
    if (seen !== undefined) moves.push({ on: dayOf(history, seen), ruleId, from: e.from, to: e.to, facts: seen });
  }
  return { on: dayOf(history, facts), facts: { ...facts }, moves };
}
