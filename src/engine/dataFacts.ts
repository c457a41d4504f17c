import type { LoanContract } from '../contract/LoanContract';
import { referencedPaths, type ConditionNode } from '../rules/conditions';
import { jsonTypeOf } from '../rules/dataDeclarations';
import { readDataPath } from '../rules/dataPath';
import { specOf, type DataFactValue, type Facts } from '../rules/facts';
import type { CompiledPack, CompiledRule } from '../rules/loadPack';
import { formatDay } from '../time/day';
import type { DecisionInputs, TimelineRecord } from './output';
import type { Run } from './run';

/** A value an observation event may carry. */
export type ObservedValue = string | number | boolean;

/** The `observations` fact before any observation, and `attributes` of a contract without them. */
export const NO_DATA: DataFactValue = Object.freeze(Object.create(null) as Record<string, unknown>);

/**
 * Makes `value` the latest observation of `name`. The fact object is replaced, never changed in place:
 * copies of earlier facts (kept to explain decisions) keep the values they saw.
 */
export function recordObservation(run: Run, name: string, value: ObservedValue): void {
  const next = Object.assign(Object.create(null) as Record<string, unknown>, run.facts.observations);
  next[name] = value;
  run.facts.observations = Object.freeze(next);
}

/** The latest observation of each name, in name order, as a snapshot keeps them. */
export function observedEntries(facts: Facts): [string, ObservedValue][] {
  return Object.keys(facts.observations)
    .sort()
    .map((name) => [name, facts.observations[name] as ObservedValue]);
}

/** Puts back the observations a snapshot kept. */
export function restoreObserved(run: Run, entries: readonly (readonly [string, ObservedValue])[] | undefined): void {
  for (const [name, value] of entries ?? []) recordObservation(run, name, value);
}

/**
 * Adds to a decision's inputs the data values its conditions read, named by fact and path
 * (`attributes.product`); a missing value is left out, a list or object is written as JSON.
 */
export function dataInputs(conditions: ConditionNode, facts: Facts, out: Record<string, DecisionInputs[string]>): void {
  for (const { fact, path } of referencedPaths(conditions)) {
    const key = `${fact}${path.text.slice(1)}`;
    if (key in out) continue;
    const v = readDataPath(facts[fact], path.steps);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
    else if (v !== undefined) out[key] = JSON.stringify(v);
  }
}

/**
 * Warnings on the disbursement day for contract attributes the pack does not declare or declares with
 * another type: the attributes are kept, and the rules reading them may not hold.
 */
export function attributeWarnings(loan: LoanContract, pack: CompiledPack): TimelineRecord[] {
  const declared = pack.declarations?.attributes;
  if (declared === undefined || loan.attributes === undefined) return [];
  const on = formatDay(loan.disbursedOn);
  const out: TimelineRecord[] = [];
  for (const [name, value] of Object.entries(loan.attributes)) {
    const type = Object.prototype.hasOwnProperty.call(declared, name) ? declared[name] : undefined;
    const actual = jsonTypeOf(value);
    if (type === undefined) out.push({ on, kind: 'warning', ruleIds: [], code: 'attribute.undeclared', message: `Pack ${pack.id} declares no attribute "${name}"; it is kept and no rule reads it` });
    else if (type !== actual) out.push({ on, kind: 'warning', ruleIds: [], code: 'attribute.type', message: `Attribute "${name}" is declared ${type}, but the contract gives ${actual}; rules reading it may not hold` });
  }
  return out;
}

/** The facts a rule read, as text for a reason ("dpd 0, attributes.product auto"). */
export function ruleFactsText(rule: CompiledRule, facts: Facts): string {
  const data: Record<string, DecisionInputs[string]> = {};
  dataInputs(rule.conditions, facts, data);
  const scalars = rule.facts.filter((f) => specOf(f).type !== 'data').map((f) => `${f} ${String(facts[f] as string | number | boolean)}`);
  return [...scalars, ...Object.entries(data).map(([k, v]) => `${k} ${String(v)}`)].join(', ');
}
