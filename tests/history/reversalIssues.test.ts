import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/errors';
import { acceptEvent } from '../../src/history/acceptEvent';
import { loanEventSchema } from '../../src/history/events';
import { parseHistory } from '../../src/history/parseHistory';

const example = JSON.parse(readFileSync(new URL('./fixtures/contract-example.json', import.meta.url), 'utf8')) as { loan: Record<string, unknown> };
const report = (events: unknown[]): string => {
  const r = parseHistory(JSON.stringify({ loan: example.loan, events }), 'history.json');
  return r.ok ? 'ok' : formatIssues(r.issues);
};
const pay = { id: 'p1', type: 'payment', on: '2026-02-15', amount: '10236.17' };
const reversal = (over: Record<string, unknown> = {}) => ({ id: 'r1', type: 'reversal', on: '2026-02-20', reverses: 'p1', reason: 'returned unpaid', ...over });

describe('reversal events in a history file (issue 12, item 3)', () => {
  it('parses a reversal, by the fast check and by the schema alike', () => {
    expect(report([pay, reversal()])).toBe('ok');
    const parsed = loanEventSchema.parse(reversal());
    expect(acceptEvent(reversal(), 0)).toEqual({ ...parsed, seq: 0 });
    expect(parsed).toMatchObject({ type: 'reversal', reverses: 'p1', reason: 'returned unpaid' });
  });

  it('a reversal dated the same day as its event, listed before it in the file, is allowed', () => {
    expect(report([reversal({ on: '2026-02-15' }), pay])).toBe('ok');
  });

  it('needs reverses and a reason', () => {
    const text = report([pay, { id: 'r1', type: 'reversal', on: '2026-02-20' }]);
    expect(text).toContain('events[1].reverses');
    expect(text).toContain('events[1].reason');
  });

  it('an unknown id is refused at reverses, with the nearest id', () => {
    expect(report([pay, reversal({ reverses: 'p2' })])).toMatchInlineSnapshot(`
      "✖ Reversal "r1" reverses event "p2", which is not in the history
        → at history.json: events[1].reverses
        hint: did you mean "p1"? a reversal names the id of an event recorded before it"
    `);
  });

  it('a reversal of a reversal is refused', () => {
    const text = report([pay, reversal(), reversal({ id: 'r2', on: '2026-02-21', reverses: 'r1' })]);
    expect(text).toContain('Reversal "r2" reverses "r1", which is itself a reversal; a reversal cannot be reversed');
    expect(text).toContain('events[2].reverses');
    expect(text).toContain('record that event again under a new id');
  });

  it('reversing an event twice is refused at the later reversal in the file', () => {
    const text = report([pay, reversal({ id: 'r2', on: '2026-02-25' }), reversal()]);
    expect(text).toContain('Event "p1" is already reversed by "r2"; reversal "r1" reverses it a second time');
    expect(text).toContain('events[2].reverses');
    expect(text).not.toContain('events[1]');
  });

  it('a reversal dated before its event is refused at on', () => {
    expect(report([pay, reversal({ on: '2026-02-10' })])).toMatchInlineSnapshot(`
      "✖ Reversal "r1" is dated 2026-02-10, before the event "p1" it reverses (2026-02-15)
        → at history.json: events[1].on
        hint: date the reversal on or after 2026-02-15: an event cannot be undone before it happened"
    `);
  });

  it('a reversal of an event that is itself invalid is not also called unknown', () => {
    const text = report([{ ...pay, amount: 10236.17 }, reversal()]);
    expect(text).toContain('events[0].amount');
    expect(text).not.toContain('not in the history');
  });

  it('reports every problem at once', () => {
    const text = report([pay, reversal({ reverses: 'nope' }), reversal({ id: 'r2', on: '2026-02-01' })]);
    expect(text).toContain('events[1].reverses');
    expect(text).toContain('events[2].on');
  });
});
