import { describe, expect, expectTypeOf, it } from 'vitest';
import { formatIssues, fromZodIssues } from '../../src/errors';
import { EVENT_TYPES, loanEventSchema, type EventOf, type LoanEvent } from '../../src/history/events';
import type { Fen } from '../../src/money/fen';
import { formatDay, type Day } from '../../src/time/day';

function problems(event: unknown): string {
  const r = loanEventSchema.safeParse(event, { reportInput: true });
  return r.success ? 'ok' : formatIssues(fromZodIssues(r.error.issues, 'history.json', ['events', 0]));
}

const base = { id: 'e1', on: '2026-03-01' };

describe('loanEventSchema', () => {
  it('knows every event type of docs/history-format.md', () => {
    expect(EVENT_TYPES).toMatchInlineSnapshot(`
      [
        "payment",
        "contactAttempt",
        "promiseToPay",
        "fieldVisit",
        "inspection",
        "noticeSent",
        "collateralValuation",
        "materialEvent",
        "ratingChange",
        "restructure",
        "extension",
        "reAge",
        "agencyPlacement",
        "agencyRecall",
        "lawsuitFiled",
        "judgment",
        "writeOffRequest",
        "writeOffApproval",
        "misappropriation",
        "riskSignal",
        "assigned",
        "collectionFeedback",
        "reversal",
        "observation",
      ]
    `);
  });

  it('parses dates and money, keeps optional fields only when given', () => {
    const e = loanEventSchema.parse({ ...base, type: 'promiseToPay', amount: '500.00', by: '2026-03-08', note: 'by WeChat' });
    expect({ ...e, on: formatDay(e.on), by: e.type === 'promiseToPay' ? formatDay(e.by) : null }).toMatchInlineSnapshot(`
      {
        "amount": 50000,
        "by": "2026-03-08",
        "id": "e1",
        "note": "by WeChat",
        "on": "2026-03-01",
        "type": "promiseToPay",
      }
    `);
    expect('note' in loanEventSchema.parse({ ...base, type: 'lawsuitFiled' })).toBe(false);
  });

  it('refuses extra keys even on events without fields', () => {
    expect(problems({ ...base, type: 'lawsuitFiled', court: 'x' })).toMatchInlineSnapshot(`
      "✖ Unknown key "court"
        → at history.json: events[0].court
        hint: remove it; the keys allowed here are "id", "on", "note", "type""
    `);
  });

  it('validates contact attempts', () => {
    expect(
      problems({ ...base, type: 'contactAttempt', at: '2026-03-01T25:00:00+08:00', party: 'borrower', channel: 'wechat', outcome: 'no answer' }),
    ).toMatchInlineSnapshot(`
      "✖ "2026-03-01T25:00:00+08:00" is not a real date and time
        → at history.json: events[0].at
        hint: check the calendar date, the time (hours 00–23, minutes and seconds 00–59) and the offset (at most ±23:59)
      ✖ Expected one of "phone", "sms", "letter", "app", "visit", got "wechat"
        → at history.json: events[0].channel
        hint: valid values: "phone", "sms", "letter", "app", "visit"
      ✖ Expected one of "reached", "noAnswer", "unreachable", "promiseToPay", "refused", got "no answer"
        → at history.json: events[0].outcome
        hint: did you mean "noAnswer"?"
    `);
  });

  it('wants a promise to pay by a date not before it was made', () => {
    expect(problems({ ...base, type: 'promiseToPay', amount: '500.00', by: '2026-02-28' })).toMatchInlineSnapshot(`
      "✖ The promise is to pay by 2026-02-28, before it was made on 2026-03-01
        → at history.json: events[0].by
        hint: "by" is the date the borrower promised to pay by: on or after "on""
    `);
    expect(problems({ ...base, type: 'promiseToPay', amount: '500.00', by: '2026-03-01' })).toBe('ok');
  });

  it('wants a re-age to name its requester and its approver, and nothing else', () => {
    expect(problems({ ...base, type: 'reAge', requestedBy: 'a', approverBy: 'b' })).toMatchInlineSnapshot(`
      "✖ \`events[0].approvedBy\` is missing: add it as a string
        → at history.json: events[0].approvedBy
        hint: add this field
      ✖ Unknown key "approverBy"
        → at history.json: events[0].approverBy
        hint: did you mean "approvedBy"?"
    `);
  });

  it('wants an extension to move maturity after the extension date', () => {
    expect(problems({ ...base, type: 'extension', newMaturity: '2026-03-01', requestedBy: 'b', approvedBy: 'c' })).toMatchInlineSnapshot(`
      "✖ The new maturity 2026-03-01 is not after the extension itself (2026-03-01)
        → at history.json: events[0].newMaturity
        hint: an extension (展期) moves maturity later: give a newMaturity after "on""
    `);
  });

  it('wants a restructure to give a schedule or a term, not both', () => {
    const who = { requestedBy: 'borrower', approvedBy: 'committee' };
    expect(problems({ ...base, type: 'restructure', ...who })).toMatchInlineSnapshot(`
      "✖ The restructure needs the new terms: "schedule" or "termMonths"
        → at history.json: events[0]
        hint: give "termMonths" to regenerate instalments for the balance, or an explicit "schedule""
    `);
    expect(
      problems({ ...base, type: 'restructure', ...who, termMonths: 12, schedule: [{ dueOn: '2026-04-01', principal: '1.00', interest: '0.00' }] }),
    ).toContain('gives both "schedule" and "termMonths"');
    expect(problems({ ...base, type: 'restructure', ...who, termMonths: 12 })).toBe('ok');
  });

  it('checks a restructure schedule against the restructure date', () => {
    expect(
      problems({
        ...base,
        type: 'restructure',
        requestedBy: 'borrower',
        approvedBy: 'committee',
        schedule: [
          { dueOn: '2026-03-01', principal: '100.00', interest: '0.00' },
          { dueOn: '2026-02-01', principal: '100.00', interest: '0.00' },
        ],
      }),
    ).toMatchInlineSnapshot(`
      "✖ The instalment due on 2026-03-01 is not after the restructure date (2026-03-01)
        → at history.json: events[0].schedule[0].dueOn
        hint: every instalment must fall due after the restructure date
      ✖ The instalment due on 2026-02-01 is not after the one listed before it (due 2026-03-01)
        → at history.json: events[0].schedule[1].dueOn
        hint: list instalments in date order, at most one per day"
    `);
  });

  it('accepts risk signal values of any JSON scalar type', () => {
    for (const value of ['x', 3, true]) expect(problems({ ...base, type: 'riskSignal', indicator: 'i', value })).toBe('ok');
    expect(problems({ ...base, type: 'riskSignal', indicator: 'i', value: null })).not.toBe('ok');
  });

  it('refuses a fractional or negative photo count', () => {
    expect(problems({ ...base, type: 'fieldVisit', found: true, photos: -1 })).toContain('Expected a whole number from 0');
    expect(problems({ ...base, type: 'fieldVisit', found: 'yes' })).toContain('`events[0].found` must be true or false, not a string');
  });
});

describe('LoanEvent types', () => {
  it('narrows on type', () => {
    const e = {} as LoanEvent;
    if (e.type === 'payment') expectTypeOf(e.amount).toEqualTypeOf<Fen>();
    expectTypeOf<EventOf<'promiseToPay'>['by']>().toEqualTypeOf<Day>();
    expectTypeOf<EventOf<'contactAttempt'>['party']>().toEqualTypeOf<'borrower' | 'contact' | 'guarantor'>();
    expectTypeOf<LoanEvent['seq']>().toEqualTypeOf<number>();
    // @ts-expect-error events are read-only
    e.on = 0 as Day;
  });
});
