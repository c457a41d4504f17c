import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/errors/formatIssues';
import { MAX_EVENTS_PER_LOAN, parseHistoryValue } from '../../src/history/parseHistory';

const loan = { id: 'L-1', borrower: { id: 'B-1', kind: 'retail' }, principal: '1000.00', annualRate: '0.0435', disbursedOn: '2026-01-15', termMonths: 12, repayment: 'equalInstallment' };
const events = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, type: 'ratingChange', on: '2026-02-01', rating: 'A' }));

describe('per-loan event limit (issue 11, item 6)', () => {
  it('regression: a history above the limit is refused at parse time, naming the file and the count', () => {
    const r = parseHistoryValue({ loan, events: events(MAX_EVENTS_PER_LOAN + 1) }, 'huge.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    const text = formatIssues(r.issues);
    expect(text).toContain('huge.json');
    expect(text).toContain(`The history has ${MAX_EVENTS_PER_LOAN + 1} events; postloan replays at most ${MAX_EVENTS_PER_LOAN}`);
    expect(r.issues[0]?.path).toBe('events');
  });

  it('a history at the limit is accepted', () => {
    expect(parseHistoryValue({ loan, events: events(MAX_EVENTS_PER_LOAN) }, 'h.json').ok).toBe(true);
  });
});
