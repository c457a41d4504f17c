import type { Facts } from './facts';
import type { CompiledPack, CompiledRule } from './loadPack';
import { explainCondition, type ConditionTrace } from './compile';
import { canGenerateCode, generateRuleFilter } from './generatePredicate';

const packFilters = new WeakMap<CompiledPack, (facts: Facts) => CompiledRule[]>();

/**
 * Rules of the pack whose conditions hold for `facts`, highest priority first. Synchronous and
 * allocation-light: this is the hot path of every replay.
 *
 * @example
 * ```ts
 * firedRules(cnDefaultPack(), facts).map((r) => r.id); // ['bucket-M2', 'floor-special-mention', …]
 * ```
 */
export function firedRules(pack: CompiledPack, facts: Facts): CompiledRule[] {
  if (canGenerateCode()) {
    let filter = packFilters.get(pack);
    if (filter === undefined) {
      filter = generateRuleFilter(pack.rules);
      packFilters.set(pack, filter);
    }
    return filter(facts);
  }
  const out: CompiledRule[] = [];
  for (const r of pack.rules) if (r.test(facts)) out.push(r);
  return out;
}

/** One rule's verdict with the condition trace behind it. */
export interface RuleExplanation {
  readonly ruleId: string;
  readonly policyId: string;
  readonly fired: boolean;
  readonly trace: ConditionTrace;
}

/**
 * Every rule of the pack with whether it fired and why: which conditions held, with which fact
 * values. For explaining decisions; slower than {@link firedRules}.
 */
export function explainRules(pack: CompiledPack, facts: Facts): RuleExplanation[] {
  return pack.rules.map((r) => {
    const trace = explainCondition(r.conditions, facts, pack.operators);
    return { ruleId: r.id, policyId: r.policyId, fired: trace.result, trace };
  });
}
