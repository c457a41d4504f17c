import type { FactName, Facts } from '../../rules/facts';
import { canGenerateCode } from '../../rules/generatePredicate';

// Which facts the task rules read have changed since the last evaluation. A loop reading
// `facts[names[i]]` is a keyed load whose key changes at every step, which V8 answers through its
// megamorphic cache (about half of `testTaskRules`); one generated function per pack reads each fact by
// a property name fixed in its text, a load V8 caches at its own site.

/**
 * Compares each fact of `names` (slot `i`) with `seen[i]`, stores the new value, writes to `marked`, from
 * its start, the rules (by index) that read it (`readers[i]`, in that order; a rule reading two changed
 * facts is written twice), and returns how many it wrote. `marked` has room for every reader of every
 * fact. A list rather than a mark per rule: an evaluation moves a fact or two read by two or three of
 * dozens of rules, and a walk over every rule's mark cost more than the few rules it found.
 */
export type FactChangeScan = (facts: Facts, seen: unknown[], marked: Int32Array) => number;

/** A fact's name as a JavaScript string literal: JSON, with the two line separators escaped as well. */
function nameLiteral(name: string): string {
  return JSON.stringify(name).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The source of the generated scan: only the fixed text below, fact names through `nameLiteral`, and
 * slot and rule numbers (integers this module counts). Exported for the tests.
 */
export function factChangeSource(names: readonly FactName[], readers: readonly (readonly number[])[]): string {
  const lines = names.map((name, i) => {
    const marks = (readers[i] ?? []).map((r) => ` m[n++] = ${String(Math.trunc(r))};`).join('');
    return `v = f[${nameLiteral(name)}]; if (v !== s[${String(i)}]) { s[${String(i)}] = v;${marks} }`;
  });
  return `"use strict"; let n = 0; let v; ${lines.join(' ')} return n;`;
}

/** The same scan as a loop, where the runtime forbids generated code (same answers, slower). */
function loopScan(names: readonly FactName[], readers: readonly (readonly number[])[]): FactChangeScan {
  return (facts, seen, marked) => {
    let n = 0;
    for (let i = 0; i < names.length; i++) {
      const v = facts[names[i] as FactName];
      if (v === seen[i]) continue;
      seen[i] = v;
      for (const r of readers[i] as readonly number[]) marked[n++] = r;
    }
    return n;
  };
}

/** The scan for these facts and their readers: generated when the runtime allows it, else a loop. */
export function factChangeScan(names: readonly FactName[], readers: readonly (readonly number[])[]): FactChangeScan {
  if (!canGenerateCode()) return loopScan(names, readers);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- text built only from fixed templates, JSON string literals and integers (see factChangeSource)
  return new Function('f', 's', 'm', factChangeSource(names, readers)) as FactChangeScan;
}
