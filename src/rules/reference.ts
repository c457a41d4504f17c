import { Engine } from 'json-rules-engine';
import { toEngineConditions } from './conditions';
import type { Facts } from './facts';
import type { CompiledPack, CompiledRule } from './loadPack';

/**
 * json-rules-engine, set up with a pack's rules exactly as written (parameters substituted, money in
 * fen). It is the reference the compiled rules are tested against, and the "naive" baseline of the
 * benchmarks. Each rule's event carries its rule id so results can be compared one to one.
 */
export function referenceEngine(pack: CompiledPack, filter: (rule: CompiledRule) => boolean = () => true): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const [name, fn] of Object.entries(pack.operators ?? {})) engine.addOperator(name, fn);
  for (const r of pack.rules) {
    if (!filter(r)) continue;
    const { type, ...params } = r.decision;
    engine.addRule({
      name: r.policyId,
      priority: r.priority,
      conditions: toEngineConditions(r.conditions) as never,
      event: { type, params: { ...params, ruleId: r.id } },
    });
  }
  return engine;
}

/** Ids of the rules json-rules-engine fires for `facts`, sorted. */
export async function referenceFiredRuleIds(engine: Engine, facts: Facts): Promise<string[]> {
  const { results } = await engine.run({ ...facts });
  return results.map((r) => String((r.event?.params as { ruleId?: unknown } | undefined)?.ruleId)).sort();
}
