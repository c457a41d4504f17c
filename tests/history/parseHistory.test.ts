import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssues, PostloanError } from '../../src/errors';
import { parseHistory, parseHistoryOrThrow, parseHistoryValue, type History } from '../../src/history/parseHistory';
import { EVENT_TYPES } from '../../src/history/events';
import { formatMoney } from '../../src/money/fen';
import { formatDay } from '../../src/time/day';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const example = JSON.parse(fixture('contract-example.json')) as { loan: Record<string, unknown>; events: unknown[] };

/** A history with the example loan and these events, as the file a user would write. */
function withEvents(events: unknown[]): string {
  return JSON.stringify({ loan: example.loan, events }, null, 2);
}

/** What the user sees for a file: the formatted issues, or "ok". */
function report(text: string, file = 'history.json'): string {
  const r = parseHistory(text, file);
  return r.ok ? 'ok' : formatIssues(r.issues);
}

function parsed(text: string): History {
  const r = parseHistory(text, 'history.json');
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.value;
}

/** Event ids in replay order. */
const order = (h: History) => h.events.map((e) => e.id);

describe('parseHistory: valid files', () => {
  it('parses the docs/history-format.md example', () => {
    const h = parsed(fixture('contract-example.json'));
    expect(h.loan.id).toBe('L-2026-0001');
    expect(h.schedule).toHaveLength(12);
    expect(formatMoney(h.schedule[0]?.principal ?? 0)).toBe('9802.19');
    expect(h.events.map((e) => ({ ...e, on: formatDay(e.on) }))).toMatchInlineSnapshot(`
      [
        {
          "amount": 1023617,
          "id": "e1",
          "on": "2026-02-15",
          "seq": 0,
          "type": "payment",
        },
      ]
    `);
  });

  it('parses one event of every type', () => {
    const h = parsed(fixture('every-event-type.json'));
    expect(new Set(h.events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    expect(h.schedule).toHaveLength(24);
    expect(formatDay(h.schedule[1]?.dueOn ?? h.loan.disbursedOn)).toBe('2026-03-20');
  });

  it('defaults events to none and allows a $schema key', () => {
    const h = parsed(JSON.stringify({ $schema: './history.schema.json', loan: example.loan }));
    expect(h.events).toEqual([]);
  });

  it('parseHistoryValue takes parsed JSON; parseHistoryOrThrow throws every issue', () => {
    expect(parseHistoryValue(example, 'x.json').ok).toBe(true);
    expect(() => parseHistoryOrThrow('{"loan": 1}', 'x.json')).toThrow(PostloanError);
  });
});

describe('parseHistory: problems a user can cause', () => {
  it('money written as a JSON number', () => {
    expect(report(withEvents([{ id: 'e1', type: 'payment', on: '2026-02-15', amount: 10236.17 }]))).toMatchInlineSnapshot(`
      "✖ Money must be a decimal string with 2 decimals, got the number 10236.17
        → at history.json: events[0].amount
        hint: write "10236.17" as a string with 2 decimals: JSON numbers lose fen"
    `);
  });

  it('a date that is not in the calendar', () => {
    expect(report(withEvents([{ id: 'e1', type: 'payment', on: '2026-02-30', amount: '100.00' }]))).toMatchInlineSnapshot(`
      "✖ "2026-02-30" is not a calendar date
        → at history.json: events[0].on
        hint: February 2026 has 28 days"
    `);
  });

  it('an unknown event type', () => {
    expect(report(withEvents([{ id: 'e1', type: 'paymnet', on: '2026-02-15', amount: '100.00' }]))).toMatchInlineSnapshot(`
      "✖ Unknown event type "paymnet"
        → at history.json: events[0].type
        hint: did you mean "payment"?"
    `);
    expect(report(withEvents([{ id: 'e1', on: '2026-02-15' }]))).toMatchInlineSnapshot(`
      "✖ The event has no "type"
        → at history.json: events[0].type
        hint: add "type", one of: "payment", "contactAttempt", "promiseToPay", "fieldVisit", "inspection", "noticeSent", "collateralValuation", "materialEvent", "ratingChange", "restructure", "extension", "reAge", "agencyPlacement", "agencyRecall", "lawsuitFiled", "judgment", "writeOffRequest", "writeOffApproval", "misappropriation", "riskSignal", "assigned", "collectionFeedback", "reversal", "observation""
    `);
    expect(report(withEvents([{ id: 'e1', type: 'xyzzy', on: '2026-02-15' }]))).toContain('valid values: "payment", "contactAttempt"');
    expect(parseHistory(withEvents([{ id: 'e1', type: 'paymnet', on: '2026-02-15' }]), 'h.json')).toMatchObject({
      ok: false,
      issues: [{ code: 'event.unknownType', path: 'events[0].type', file: 'h.json' }],
    });
  });

  it('a negative amount', () => {
    expect(report(withEvents([{ id: 'e1', type: 'payment', on: '2026-02-15', amount: '-100.00' }]))).toMatchInlineSnapshot(`
      "✖ The amount must be greater than zero, got "-100.00"
        → at history.json: events[0].amount
        hint: give a positive amount such as "100.00""
    `);
  });

  it('broken JSON, with line and column', () => {
    expect(report('{\n  "loan": {\n    "id": "L-1",\n  }\n}')).toMatchInlineSnapshot(`
      "✖ The file is not valid JSON (line 4, column 3): Expected double-quoted property name
        → at history.json
        hint: check for a missing comma, quote or bracket near that place"
    `);
  });

  it('a misspelt key', () => {
    expect(report(withEvents([{ id: 'e1', type: 'payment', on: '2026-02-15', ammount: '100.00' }]))).toMatchInlineSnapshot(`
      "✖ Required: the amount is missing
        → at history.json: events[0].amount
        hint: add this field, e.g. "100.00"
      ✖ Unknown key "ammount"
        → at history.json: events[0].ammount
        hint: did you mean "amount"?"
    `);
    expect(report(JSON.stringify({ loan: example.loan, event: [] }))).toContain('did you mean "events"?');
  });

  it('an event before the loan was disbursed', () => {
    expect(report(withEvents([{ id: 'e1', type: 'inspection', on: '2026-01-14', kind: 'onSite' }]))).toMatchInlineSnapshot(`
      "✖ Event "e1" is dated 2026-01-14, before the loan was disbursed on 2026-01-15
        → at history.json: events[0].on
        hint: check the date: nothing can happen to a loan before the money is paid out"
    `);
    expect(report(withEvents([{ id: 'e1', type: 'inspection', on: '2026-01-15', kind: 'onSite' }]))).toBe('ok');
  });

  it('parties and collateral that the loan does not have', () => {
    expect(
      report(
        withEvents([
          { id: 'e1', type: 'contactAttempt', on: '2026-03-01', at: '2026-03-01T09:00:00+08:00', party: 'guarantor', partyId: 'G-2', channel: 'phone', outcome: 'reached' },
          { id: 'e2', type: 'collateralValuation', on: '2026-03-01', collateralId: 'C-9', value: '1.00' },
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "✖ partyId "G-2" is not a guarantor of this loan
        → at history.json: events[0].partyId
        hint: did you mean "G-1"?
      ✖ collateralId "C-9" is not a collateral of this loan
        → at history.json: events[1].collateralId
        hint: did you mean "C-1"?"
    `);
  });

  it('a notice to a guarantor the loan does not have (party and partyId, as in contact attempts)', () => {
    expect(report(withEvents([{ id: 'n1', type: 'noticeSent', on: '2026-03-01', kind: 'guaranteeNotice', party: 'guarantor', partyId: 'G-1' }]))).toBe('ok');
    expect(report(withEvents([{ id: 'n1', type: 'noticeSent', on: '2026-03-01', kind: 'guaranteeNotice', party: 'guarantor', partyId: 'G-2' }]))).toContain(
      'partyId "G-2" is not a guarantor of this loan',
    );
  });

  it('several problems in one file, all reported together in file order', () => {
    const text = JSON.stringify(
      {
        loan: { ...example.loan, principal: 120000, disbursedOn: '2026-01-32', repaymnet: 'bullet' },
        events: [
          { id: 'e1', type: 'payment', on: '2026-02-15', amount: '10237.19' },
          { id: 'e2', type: 'paymnet', on: '2026-03-15', amount: '10237.19' },
          { id: 'e3', type: 'payment', on: '2026-04-31', amount: '-5.00' },
          { id: 'e4', type: 'contactAttempt', on: '2026-04-20', at: '2026-04-20 09:30', party: 'spouse', channel: 'phone', outcome: 'reached' },
          'e5',
        ],
      },
      null,
      2,
    );
    expect(report(text, 'loans/L-2026-0001.json')).toMatchInlineSnapshot(`
      "✖ Money must be a decimal string with 2 decimals, got the number 120000
        → at loans/L-2026-0001.json: loan.principal
        hint: write "120000.00" as a string with 2 decimals: JSON numbers lose fen
      ✖ "2026-01-32" is not a calendar date
        → at loans/L-2026-0001.json: loan.disbursedOn
        hint: January 2026 has 31 days
      ✖ Unknown key "repaymnet"
        → at loans/L-2026-0001.json: loan.repaymnet
        hint: did you mean "repayment"?
      ✖ Unknown event type "paymnet"
        → at loans/L-2026-0001.json: events[1].type
        hint: did you mean "payment"?
      ✖ "2026-04-31" is not a calendar date
        → at loans/L-2026-0001.json: events[2].on
        hint: April 2026 has 30 days
      ✖ The amount must be greater than zero, got "-5.00"
        → at loans/L-2026-0001.json: events[2].amount
        hint: give a positive amount such as "100.00"
      ✖ A timestamp must be ISO 8601 with a UTC offset, got "2026-04-20 09:30"
        → at loans/L-2026-0001.json: events[3].at
        hint: write it like "2026-02-17T09:30:00+08:00"
      ✖ Expected one of "borrower", "contact", "guarantor", got "spouse"
        → at loans/L-2026-0001.json: events[3].party
        hint: valid values: "borrower", "contact", "guarantor"
      ✖ An event must be a JSON object, got "e5"
        → at loans/L-2026-0001.json: events[4]
        hint: write each event as { "id": …, "type": …, "on": "YYYY-MM-DD", … }"
    `);
  });

  it('duplicate ids: an exact repeat is ignored, different content is an error', () => {
    const payment = { id: 'e1', type: 'payment', on: '2026-02-15', amount: '10237.19' };
    const repeat = { amount: '10237.19', on: '2026-02-15', type: 'payment', id: 'e1' }; // same content, other key order
    const h = parsed(withEvents([payment, repeat]));
    expect(h.events).toHaveLength(1);
    expect(h.events[0]?.seq).toBe(0);
    expect(report(withEvents([payment, { ...payment, amount: '10000.00' }]))).toMatchInlineSnapshot(`
      "✖ Event id "e1" is used by events[0] and events[1] with different content
        → at history.json: events[1].id
        hint: give each event its own id (an exact repeat of an event is ignored)"
    `);
  });

  it('a file that is not a history at all', () => {
    expect(report('[]')).toMatchInlineSnapshot(`
      "✖ A history file must be a JSON object with "loan" and "events", got an array
        → at history.json
        hint: start the file with { "loan": { … }, "events": [ … ] }"
    `);
    expect(report('{"events": 3}')).toMatchInlineSnapshot(`
      "✖ Required: "loan" is missing
        → at history.json: loan
        hint: add the loan contract: "loan": { "id", "borrower", "principal", … }
      ✖ "events" must be a list of events, got the number 3
        → at history.json: events
        hint: write "events": [ … ], or leave it out when nothing has happened yet"
    `);
  });

  it('keys that could pollute prototypes are refused before validation', () => {
    const r = parseHistory('{"loan": {"__proto__": {"x": 1}}}', 'h.json');
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['json.forbiddenKey', 'loan.__proto__']]);
  });
});

describe('parseHistory: event order', () => {
  it('sorts by day, then by contact time, then by file order', () => {
    const at = (time: string) => `2026-03-01T${time}+08:00`;
    const attempt = (id: string, time: string) => ({ id, type: 'contactAttempt', on: '2026-03-01', at: at(time), party: 'borrower', channel: 'phone', outcome: 'noAnswer' });
    const h = parsed(
      withEvents([
        { id: 'later-day', type: 'inspection', on: '2026-03-02', kind: 'onSite' },
        attempt('call-10h', '10:00:00'),
        { id: 'untimed-a', type: 'inspection', on: '2026-03-01', kind: 'onSite' },
        attempt('call-09h', '09:00:00'),
        { id: 'earlier-day', type: 'payment', on: '2026-02-15', amount: '1.00' },
        attempt('call-09h-again', '09:00:00'),
        { id: 'untimed-b', type: 'materialEvent', on: '2026-03-01', description: 'x' },
      ]),
    );
    // Timed events are ordered among the places timed events held; untimed ones keep their places.
    expect(order(h)).toEqual(['earlier-day', 'call-09h', 'untimed-a', 'call-09h-again', 'call-10h', 'untimed-b', 'later-day']);
    expect(h.events.map((e) => e.seq)).toEqual([4, 3, 2, 5, 1, 6, 0]);
  });

  it('compares contact times as instants, across offsets', () => {
    const h = parsed(
      withEvents([
        { id: 'shanghai-9h', type: 'contactAttempt', on: '2026-03-01', at: '2026-03-01T09:00:00+08:00', party: 'borrower', channel: 'phone', outcome: 'noAnswer' },
        { id: 'utc-1h30', type: 'contactAttempt', on: '2026-03-01', at: '2026-03-01T01:30:00Z', party: 'borrower', channel: 'app', outcome: 'reached' },
        { id: 'utc-0h30', type: 'contactAttempt', on: '2026-03-01', at: '2026-03-01T00:30:00Z', party: 'borrower', channel: 'app', outcome: 'reached' },
      ]),
    );
    // 09:00+08:00 is 01:00Z: after 00:30Z, before 01:30Z.
    expect(order(h)).toEqual(['utc-0h30', 'shanghai-9h', 'utc-1h30']);
  });
});
