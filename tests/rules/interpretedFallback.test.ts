import { afterEach, expect, it, vi } from 'vitest';
import type { ConditionNode } from '../../src/rules/conditions';
import { FACT_NAMES, type Facts } from '../../src/rules/facts';

// A runtime that forbids generating code (a Content Security Policy without 'unsafe-eval', some edge
// runtimes) makes `new Function` throw: rules are then interpreted, with the same answers.

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

it('interprets rules when the runtime forbids new Function', async () => {
  const RealFunction = Function;
  let probes = 0;
  vi.stubGlobal(
    'Function',
    new Proxy(RealFunction, {
      construct() {
        probes++;
        throw new EvalError('Code generation from strings disallowed for this context');
      },
    }),
  );
  vi.resetModules();
  const { compileCondition } = await import('../../src/rules/compile');
  const { canGenerateCode } = await import('../../src/rules/generatePredicate');
  const node: ConditionNode = { kind: 'all', items: [{ kind: 'leaf', fact: 'dpd', operator: 'greaterThan', value: { kind: 'const', value: 90 } }, { kind: 'leaf', fact: 'state', operator: 'in', value: { kind: 'const', value: ['normal', 'overdueM1'] } }] };
  const p = compileCondition(node);
  const facts = Object.fromEntries(FACT_NAMES.map((n) => [n, 0])) as unknown as Facts;
  expect([p({ ...facts, dpd: 91, state: 'normal' }), p({ ...facts, dpd: 90, state: 'normal' }), p({ ...facts, dpd: 91, state: 'settled' })]).toEqual([true, false, false]);
  expect(canGenerateCode()).toBe(false);
  compileCondition(node);
  // Found out once: later compilations do not probe again.
  expect(probes).toBe(1);
});
