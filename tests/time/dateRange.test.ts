import { describe, expect, it } from 'vitest';
import { replay, replayWithSnapshot } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { formatIssues } from '../../src/errors/formatIssues';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { dayProblem, fromCivil, isInputDay, parseDay, type Day } from '../../src/time/day';
import { errorText } from '../support/errorText';
import { runCli } from '../cli/run';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { parseCalendarData } from '../../src/time/calendar';

const loan = { id: 'L-1', borrower: { id: 'B-1', kind: 'retail' }, principal: '1000.00', annualRate: '0.0435', disbursedOn: '2026-01-15', termMonths: 12, repayment: 'equalInstallment' };

describe('one input date range, 1900-01-01 to 2199-12-31 (issue 11, item 2)', () => {
  it('parseDay accepts the ends and refuses the days outside', () => {
    expect(parseDay('1900-01-01')).toBeDefined();
    expect(parseDay('2199-12-31')).toBeDefined();
    expect(parseDay('1899-12-31')).toBeUndefined();
    expect(parseDay('2200-01-01')).toBeUndefined();
    expect(parseDay('2999-06-30')).toBeUndefined();
    expect(dayProblem('2999-06-30')).toBe('is outside the supported dates 1900-01-01 to 2199-12-31');
    expect(dayProblem('2026-02-30')).toBe('is not a calendar date');
    expect(dayProblem('2026-02-28')).toBeUndefined();
  });

  it('regression: a history date in 2999 is refused with its path', () => {
    const r = parseHistoryValue({ loan, events: [{ id: 'p1', type: 'payment', on: '2999-06-30', amount: '10.00' }] }, 'h.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = formatIssues(r.issues);
    expect(text).toContain('"2999-06-30" is outside the supported dates 1900-01-01 to 2199-12-31');
    expect(text).toContain('h.json: events[0].on');
  });

  it('regression: an as-of date in 2999 built by hand is refused instead of looping for ever', () => {
    const h = unwrap(parseHistoryValue({ loan, events: [] }, 'h.json'));
    const asOf = fromCivil(2999, 6, 30) as Day;
    expect(isInputDay(asOf)).toBe(false);
    expect(errorText(() => replay(h, cnDefaultPack(), { asOf }))).toContain('The as-of date 2999-06-30 is outside the supported dates 1900-01-01 to 2199-12-31');
    expect(errorText(() => replay(h, cnDefaultPack(), { asOf: Number.NaN as Day }))).toContain('The as-of date NaN is outside the supported dates');
  });

  it('a loan replayed to the last supported day ends (dates computed past it are fine)', () => {
    const late = { ...loan, disbursedOn: '2199-01-15', termMonths: 480 };
    const h = unwrap(parseHistoryValue({ loan: late, events: [] }, 'h.json'));
    const out = replay(h, cnDefaultPack(), { asOf: parseDay('2199-12-31') as Day });
    expect(out.asOf).toBe('2199-12-31');
    // Its snapshot wakes after the last input day, and still restores.
    const { snapshot } = replayWithSnapshot(h, cnDefaultPack(), { asOf: parseDay('2199-12-31') as Day });
    expect(snapshot.nextReviewOn !== null && snapshot.nextReviewOn > '2199-12-31').toBe(true);
    expect(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), cnDefaultPack()).ok).toBe(true);
  });

  it('regression: the CLI refuses --as-of 2999-06-30 with the range and the path, exit 1', () => {
    const { code, stderr } = runCli('replay', 'examples/cured-m1.json', '--as-of', '2999-06-30');
    expect(code).toBe(1);
    expect(stderr).toContain('"2999-06-30" is outside the supported dates 1900-01-01 to 2199-12-31');
    expect(stderr).toContain('→ at --as-of');
  });

  it('pack effective dates and calendar dates use the same range', () => {
    const files = { ...cnDefaultPackFiles, 'pack.json': { ...(cnDefaultPackFiles['pack.json'] as Record<string, unknown>), effectiveTo: '2999-01-01' } };
    const pack = loadPack(files, { dir: 'p/' });
    expect(pack.ok ? 'ok' : formatIssues(pack.issues)).toContain('"2999-01-01" is outside the supported dates 1900-01-01 to 2199-12-31\n  → at p/pack.json: effectiveTo');
    const cal = parseCalendarData({ id: 'far', coverage: { from: '2026-01-01', to: '2999-12-31' }, holidays: [], workdays: [] }, 'far.json');
    expect(cal.ok ? 'ok' : formatIssues(cal.issues)).toContain('"2999-12-31" is outside the supported dates 1900-01-01 to 2199-12-31\n  → at far.json: coverage.to');
  });
});
