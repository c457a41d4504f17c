import type { FactName, Facts } from '../../rules/facts';
import { canGenerateCode } from '../../rules/generatePredicate';

// Which facts the task rules read have changed since the last evaluation. A loop reading
// `facts[names[i]]` is a keyed load whose key changes at every step, which V8 answers through its
// megamorphic cache (about half of `testTaskRules`); one generated function per pack reads each fact by
// a property name fixed in its text, a load V8 caches at its own site.

/**
 * Compares each fact of `names` (slot `i`) with `seen[i]`, stores the new value, marks in `marks` the
 * rules (by index) that read it (`readers[i]`), and returns whether any fact changed.
 */
export type FactChangeScan = (facts: Facts, seen: unknown[], marks: Uint8Array) => boolean;

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
    const marks = (readers[i] ?? []).map((r) => `m[${String(Math.trunc(r))}] = 1;`).join(' ');
    return `v = f[${nameLiteral(name)}]; if (v !== s[${String(i)}]) { s[${String(i)}] = v; any = true; ${marks} }`;
  });
  return `"use strict"; let any = false; let v; ${lines.join(' ')} return any;`;
}

/** The same scan as a loop, where the runtime forbids generated code (same answers, slower). */
function loopScan(names: readonly FactName[], readers: readonly (readonly number[])[]): FactChangeScan {
  return (facts, seen, marks) => {
    let any = false;
    for (let i = 0; i < names.length; i++) {
      const v = facts[names[i] as FactName];
      if (v === seen[i]) continue;
      seen[i] = v;
      any = true;
      for (const r of readers[i] as readonly number[]) marks[r] = 1;
    }
    return any;
  };
}

/** The scan for these facts and their readers: generated when the runtime allows it, else a loop. */
export function factChangeScan(names: readonly FactName[], readers: readonly (readonly number[])[]): FactChangeScan {
  if (!canGenerateCode()) return loopScan(names, readers);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- text built only from fixed templates, JSON string literals and integers (see factChangeSource)
  return new Function('f', 's', 'm', factChangeSource(names, readers)) as FactChangeScan;
}
