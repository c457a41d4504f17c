import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { day, parseDay, type Day } from '../../src/time/day';
import type { Fen } from '../../src/money/fen';
import { checkScenario, matchPartial, replayHistory, toReplayJson, type ReplayScenario } from '../../src/testing';

const dir = 'tests/fixtures/scenarios';
const scenarios = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('scenario fixtures ({ history, asOf, expected }) through postloan/testing', () => {
  it.each(scenarios)('%s', (file) => {
    const scenario = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as ReplayScenario;
    expect(checkScenario(scenario)).toEqual([]);
  });

  it('a scenario whose expectation is wrong reports each difference with its path', () => {
    const scenario = JSON.parse(readFileSync(`${dir}/lawsuit-rejected-then-accepted.json`, 'utf8')) as ReplayScenario;
    const wrong = { ...scenario, expected: { state: 'normal', dpd: 60, timeline: [{ kind: 'stateChanged' }] } };
    expect(checkScenario(wrong)).toEqual([
      'state: expected "normal", got "litigation"',
      'dpd: expected 60, got 61',
      'timeline: expected 1 items, got 8',
      'timeline[0].kind: expected "stateChanged", got "eventRejected"',
    ]);
  });

  it('toReplayJson is exactly what the CLI prints', () => {
    const scenario = JSON.parse(readFileSync(`${dir}/explicit-schedule-grace-month.json`, 'utf8')) as ReplayScenario;
    const text = toReplayJson(replayHistory(scenario.history, { asOf: scenario.asOf }));
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ loanId: 'L-GRACE' });
  });

  it('matchPartial compares scalars with Object.is and objects key by key', () => {
    expect(matchPartial({ a: 1, b: { c: 'x' } }, { b: { c: 'x' } })).toEqual([]);
    expect(matchPartial({ a: 0 }, { a: -0 })).toEqual(['a: expected 0, got 0']);
    expect(matchPartial([1, 2], [1])).toEqual(['(root): expected 1 items, got 2']);
  });
});

describe('types', () => {
  it('a business day is a branded number: a plain number is not a Day', () => {
    expectTypeOf(day('2026-01-01')).toEqualTypeOf<Day>();
    expectTypeOf(parseDay('2026-01-01')).toEqualTypeOf<Day | undefined>();
    // @ts-expect-error a plain number is not a Day
    const d: Day = 20_000;
    expect(d).toBe(20_000);
    expectTypeOf<Fen>().toEqualTypeOf<number>();
  });
});
