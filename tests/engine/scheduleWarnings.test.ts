import { describe, expect, it } from 'vitest';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';

const pack = cnDefaultPack();

/** Interest monthly, all principal at maturity: the shape of 先息后本, whatever the label says. */
const interestOnlyShape = [
  { dueOn: '2026-02-15', principal: '0.00', interest: '2000.00' },
  { dueOn: '2026-03-15', principal: '0.00', interest: '2000.00' },
  { dueOn: '2026-04-15', principal: '0.00', interest: '2000.00' },
  { dueOn: '2026-05-15', principal: '500000.00', interest: '2000.00' },
];
/** Equal principal every month: amortising. */
const amortising = [
  { dueOn: '2026-02-15', principal: '125000.00', interest: '2000.00' },
  { dueOn: '2026-03-15', principal: '125000.00', interest: '1500.00' },
  { dueOn: '2026-04-15', principal: '125000.00', interest: '1000.00' },
  { dueOn: '2026-05-15', principal: '125000.00', interest: '500.00' },
];

function history(schedule: unknown, repayment?: string, events: unknown[] = []) {
  return unwrap(
    parseHistoryValue(
      {
        loan: {
          id: 'L-CB',
          borrower: { id: 'B-1', kind: 'corporate' },
          principal: '500000.00',
          annualRate: '0.048',
          disbursedOn: '2026-01-15',
          ...(repayment === undefined ? {} : { repayment }),
          schedule,
        },
        events,
      },
      'core-banking.json',
    ),
  );
}

const kinds = (out: ReturnType<typeof replay>) => out.tasks.map((t) => t.kind);

describe('a schedule with its repayment label', () => {
  it('regression (issue 11 #14): a contradicting label is a warning with the failed check, not a refusal', () => {
    const out = replay(history(amortising, 'interestOnly'), pack, { asOf: day('2026-01-20') });
    expect(out.timeline.filter((e) => e.kind === 'warning')).toEqual([
      {
        id: expect.stringMatching(/^tl-[0-9a-f]{40}$/),
        on: '2026-01-15',
        kind: 'warning',
        ruleIds: ['P-NT-3', 'P-LC-6'],
        code: 'schedule.interestOnly.principalBeforeMaturity',
        message:
          'The schedule is labelled "interestOnly" but repays principal before maturity: instalment 1 (2026-02-15) 125000.00 of principal; the schedule is authoritative: policies that depend on the repayment shape read it, not the label',
      },
    ]);
    // A label the schedule agrees with, or no label, warns of nothing.
    for (const label of ['equalPrincipal', undefined]) {
      expect(replay(history(amortising, label), pack, { asOf: day('2026-01-20') }).timeline.some((e) => e.kind === 'warning')).toBe(false);
    }
  });

  it('regression (issue 11 #14): P-NT-3 interest reminders follow the schedule, not the label', () => {
    const asOf = day('2026-03-01');
    // Principal at maturity, labelled as amortising: the interest reminder applies.
    expect(kinds(replay(history(interestOnlyShape, 'equalInstallment'), pack, { asOf }))).toContain('interestReminder');
    expect(kinds(replay(history(interestOnlyShape), pack, { asOf }))).toContain('interestReminder');
    // Amortising, labelled interest-only: the repayment reminder covers it; no interest reminder.
    expect(kinds(replay(history(amortising, 'interestOnly'), pack, { asOf }))).not.toContain('interestReminder');
  });

  it('regression (issue 11 #14): P-LC-6 single-repayment trigger follows the schedule, not the label', () => {
    // Nothing paid: 91 days after maturity a principal-at-maturity loan is due a legal review; one
    // missed instalment is no "3 consecutive" so only the shape can raise it.
    const single = [{ dueOn: '2026-02-15', principal: '500000.00', interest: '2000.00' }];
    const asOf = day('2026-05-20');
    const review = (out: ReturnType<typeof replay>) => out.tasks.filter((t) => t.kind === 'legalReview').map((t) => t.openedOn);
    expect(review(replay(history(single, 'equalInstallment'), pack, { asOf }))).toEqual(['2026-05-17']);
    const twoParts = [
      { dueOn: '2026-02-15', principal: '250000.00', interest: '2000.00' },
      { dueOn: '2026-03-15', principal: '250000.00', interest: '1000.00' },
    ];
    expect(review(replay(history(twoParts, 'bullet'), pack, { asOf }))).toEqual([]);
  });

  it('keeps the label through a snapshot: the resumed replay equals the full one', () => {
    const h = history(amortising, 'bullet', [{ id: 'p1', type: 'payment', on: '2026-02-15', amount: '127000.00' }]);
    const end = day('2026-06-01');
    const full = replay(h, pack, { asOf: end });
    const { snapshot } = replayWithSnapshot(h, pack, { asOf: day('2026-02-01') });
    expect(snapshot.loan).toMatchObject({ repayment: 'bullet' });
    const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack));
    expect(JSON.stringify(resumeReplay(restored, pack, h.events, { asOf: end }).output)).toBe(JSON.stringify(full));
    expect(full.timeline.filter((e) => e.kind === 'warning').map((e) => (e as { code?: string }).code)).toEqual(['schedule.bullet.severalPrincipalPayments']);
  });
});
