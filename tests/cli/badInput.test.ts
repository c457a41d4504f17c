import { describe, expect, it } from 'vitest';
import { runCli } from './run';

const bad = (name: string) => runCli('replay', `tests/fixtures/bad/${name}.json`, '--as-of', '2026-04-20');

describe('bad input exits non-zero with a one-screen message naming file and path, no stack trace', () => {
  it.each(['money-number', 'impossible-date', 'unknown-event-type', 'negative-amount', 'broken', 'many-problems'])('%s', (name) => {
    const { code, stdout, stderr } = bad(name);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`tests/fixtures/bad/${name}.json`);
    expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(stderr.split('\n').length).toBeLessThan(40);
  });

  it('money as a JSON number', () => {
    expect(bad('money-number').stderr).toMatchInlineSnapshot(`
      "✖ Money must be a decimal string with 2 decimals, got the number 10236.17
        → at tests/fixtures/bad/money-number.json: events[0].amount
        hint: write "10236.17" as a string with 2 decimals: JSON numbers lose fen
      "
    `);
  });

  it('a date that does not exist', () => {
    expect(bad('impossible-date').stderr).toMatchInlineSnapshot(`
      "✖ "2026-02-30" is not a calendar date
        → at tests/fixtures/bad/impossible-date.json: events[0].on
        hint: February 2026 has 28 days
      "
    `);
  });

  it('an unknown event type, with the nearest valid one', () => {
    expect(bad('unknown-event-type').stderr).toMatchInlineSnapshot(`
      "✖ Unknown event type "paymnet"
        → at tests/fixtures/bad/unknown-event-type.json: events[0].type
        hint: did you mean "payment"?
      "
    `);
  });

  it('a negative amount', () => {
    expect(bad('negative-amount').stderr).toMatchInlineSnapshot(`
      "✖ The amount must be greater than zero, got "-5.00"
        → at tests/fixtures/bad/negative-amount.json: events[0].amount
        hint: give a positive amount such as "100.00"
      "
    `);
  });

  it('broken JSON, with line and column', () => {
    expect(bad('broken').stderr).toMatchInlineSnapshot(`
      "✖ The file is not valid JSON (line 2, column 57): Expected ',' or '}' after property value
        → at tests/fixtures/bad/broken.json
        hint: check for a missing comma, quote or bracket near that place
      "
    `);
  });

  it('every problem of a file at once', () => {
    const lines = bad('many-problems').stderr.split('\n').filter((l) => l.startsWith('  → at'));
    expect(lines).toEqual([
      '  → at tests/fixtures/bad/many-problems.json: loan.borrower.kind',
      '  → at tests/fixtures/bad/many-problems.json: loan.principal',
      '  → at tests/fixtures/bad/many-problems.json: loan.annualRate',
      '  → at tests/fixtures/bad/many-problems.json: events[0].amount',
      '  → at tests/fixtures/bad/many-problems.json: events[0].ammount',
      '  → at tests/fixtures/bad/many-problems.json: events[1].on',
      '  → at tests/fixtures/bad/many-problems.json: events[2].found',
    ]);
  });

  it('an impossible --as-of date is a usage problem of the command line', () => {
    const { code, stderr } = runCli('replay', 'examples/cured-m1.json', '--as-of', '2026-02-30');
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "✖ "2026-02-30" is not a calendar date
        → at --as-of
        hint: write the date as YYYY-MM-DD, e.g. --as-of 2026-04-20
      "
    `);
  });

  it('an as-of date before disbursement', () => {
    const { code, stderr } = runCli('replay', 'examples/cured-m1.json', '--as-of', '2025-12-31');
    expect(code).toBe(1);
    expect(stderr).toContain('before loan L-2026-0001 was disbursed (2026-01-15)');
  });

  it('a missing file', () => {
    const { code, stderr } = runCli('replay', 'no/such/history.json');
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot read no/such/history.json: no such file');
  });

  it('usage errors exit 2', () => {
    expect(runCli('replay').code).toBe(2);
    expect(runCli('frobnicate').code).toBe(2);
    expect(runCli('replay', 'a.json', '--bogus').code).toBe(2);
    expect(runCli().code).toBe(2);
    expect(runCli('--help').code).toBe(0);
  });
});
