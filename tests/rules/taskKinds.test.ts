import { describe, expect, it } from 'vitest';
import { eventCloses, type ClosingEvent } from '../../src/rules/taskKinds';

const notice: ClosingEvent = { event: 'noticeSent', match: { kind: 'guaranteeNotice' }, sameParty: 'party' };

describe('eventCloses', () => {
  it('regression (issue 11 #15): a guarantor task is done by a notice with the role in party and the id in partyId', () => {
    const e = { type: 'noticeSent', kind: 'guaranteeNotice', party: 'guarantor', partyId: 'G-2' };
    expect(eventCloses(notice, e, 'G-2', 'guarantor')).toBe(true);
    expect(eventCloses(notice, e, 'G-1', 'guarantor')).toBe(false);
    // The role must be the task's: a contact's partyId does not do a guarantor's task.
    expect(eventCloses(notice, { ...e, party: 'contact' }, 'G-2', 'guarantor')).toBe(false);
    // Without knowing the task's role, only the id in party does it.
    expect(eventCloses(notice, e, 'G-2')).toBe(false);
  });

  it('keeps the id in party, and the borrower by absence or by name', () => {
    expect(eventCloses(notice, { type: 'noticeSent', kind: 'guaranteeNotice', party: 'G-1' }, 'G-1', 'guarantor')).toBe(true);
    expect(eventCloses(notice, { type: 'noticeSent', kind: 'guaranteeNotice' }, 'borrower')).toBe(true);
    expect(eventCloses(notice, { type: 'noticeSent', kind: 'guaranteeNotice', party: 'borrower' }, 'borrower')).toBe(true);
    expect(eventCloses(notice, { type: 'noticeSent', kind: 'guaranteeNotice', party: 'G-1' }, 'borrower')).toBe(false);
  });
});
