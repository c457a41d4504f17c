import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ISSUES, problemCount } from '../../src/errors/capIssues';
import { parseHistoryValue } from '../../src/history/parseHistory';
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

describe('very many problems', () => {
  // Regression: `problems.push(...issues)` with 400,000 issues (200,000 bad events, two problems each)
  // overflowed the call stack: exit 70 "Maximum call stack size exceeded". A history now holds at most
  // 50,000 events, so the regression uses 50,000 events with four problems each (200,000 issues, still
  // past what one spread call can take: about 125,000 arguments on Node 20).
  it('200,000 problems in 50,000 bad events: exit 1, the first 20 problems and a count of the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postloan-many-'));
    try {
      const history = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { events: unknown[] };
      history.events = Array.from({ length: 50_000 }, (_, i) => ({ id: `e${i}`, type: 'payment', on: '2026-02-30', amount: 1, ammount: '1.00', via: 'cash' }));
      const path = join(dir, 'many.json');
      writeFileSync(path, JSON.stringify(history));
      const { code, stdout, stderr } = runCli('replay', path, '--as-of', '2026-04-20');
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.match(/^✖/gm)).toHaveLength(21);
      expect(stderr).toContain('✖ … and 199,980 more problems (200,000 in all)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('the library keeps at most 1,000 issues, the last counting the rest', () => {
    const history = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { events: unknown[] };
    history.events = Array.from({ length: 5_000 }, (_, i) => ({ id: `e${i}`, type: 'payment', on: '2026-02-01', amount: 1 }));
    const r = parseHistoryValue(history, 'h.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(MAX_ISSUES);
    expect(r.issues[MAX_ISSUES - 1]).toMatchObject({ code: 'input.tooManyProblems', omitted: 5_000 - (MAX_ISSUES - 1) });
    expect(problemCount(r.issues)).toBe(5_000);
  });
});

describe('money overflow in an explicit schedule', () => {
  // Regression: a schedule whose interest added up past 2^53 fen replayed into "Internal error: amount
  // must be a safe integer number of fen" (exit 70) without a path.
  it('is refused at the line whose amount crosses the limit, with the limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postloan-money-'));
    try {
      const schedule = Array.from({ length: 1000 }, (_, i) => ({
        dueOn: new Date(Date.UTC(2026, 0, 16 + i)).toISOString().slice(0, 10),
        principal: i === 0 ? '3000.00' : '0.00',
        interest: '100000000000.00',
      }));
      const history = { loan: { id: 'L-X', borrower: { id: 'B-1', kind: 'corporate' }, principal: '3000.00', annualRate: '0.06', disbursedOn: '2026-01-15', schedule }, events: [] };
      const path = join(dir, 'money.json');
      writeFileSync(path, JSON.stringify(history));
      const { code, stderr } = runCli('replay', path, '--as-of', '2028-12-20');
      expect(code).toBe(1);
      expect(stderr).toContain(`→ at ${path}: loan.schedule[0].interest`);
      expect(stderr).toContain('100000000000.00');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
