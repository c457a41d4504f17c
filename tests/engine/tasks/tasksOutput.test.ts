import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/engine/replay';
import { unwrap } from '../../../src/errors/PostloanError';
import { parseHistoryValue } from '../../../src/history/parseHistory';
import { generatePortfolio } from '../../../src/portfolio/generate';
import { cnDefaultPack } from '../../../src/rules/defaultPack';
import { day } from '../../../src/time/day';

/** The order the output prints a task's fields in (the optional ones only when set). */
const ORDER = ['id', 'kind', 'ruleId', 'party', 'partyId', 'assignee', 'openedOn', 'dueOn', 'status', 'instalment', 'closedOn', 'closedBy', 'reason'];

describe('tasksOutput: the fields of a task, in their order, optional ones only when set', () => {
  it('every task of the examples and of 40 generated loans, with each optional field met at least once', () => {
    const pack = cnDefaultPack();
    const outputs = [
      ...['cured-m1', 'rolls-to-outsourced', 'settled'].map((name) => replay(unwrap(parseHistoryValue(JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')), `${name}.json`)), pack, { asOf: day('2026-04-20') })),
      ...[...generatePortfolio({ seed: 7, loans: 40, asOf: '2026-06-16', years: 3 })].map((raw) => replay(unwrap(parseHistoryValue(raw, 'book.jsonl')), pack, { asOf: day('2026-06-16') })),
    ];
    const met = new Set<string>();
    for (const task of outputs.flatMap((o) => o.tasks)) {
      const keys = Object.keys(task);
      expect(keys, JSON.stringify(task)).toEqual(ORDER.filter((k) => keys.includes(k)));
      for (const k of keys) {
        expect((task as unknown as Record<string, unknown>)[k], k).not.toBeUndefined();
        met.add(k);
      }
    }
    expect([...met].sort()).toEqual(ORDER.filter((k) => k !== 'assignee').sort());
  });
});
