import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { eventCloses, mayClose, type ClosingEvent, type TaskKindDefinition } from '../../src/rules/taskKinds';

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

describe('mayClose', () => {
  const kinds = cnDefaultPack().taskKinds;

  it('tells an event of another type or kind from one the kind accepts, whoever the party', () => {
    const first = kinds['firstInspection'] as TaskKindDefinition;
    expect(mayClose(first, { type: 'inspection', kind: 'onSite' })).toBe(true);
    expect(mayClose(first, { type: 'inspection', kind: 'workLog' })).toBe(false);
    expect(mayClose(first, { type: 'noticeSent', kind: 'onSite' })).toBe(false);
    // A list of wanted values: any of them.
    const risk = kinds['riskMonitoring'] as TaskKindDefinition;
    expect(mayClose(risk, { type: 'inspection', kind: 'riskReview' })).toBe(true);
    expect(mayClose(risk, { type: 'inspection', kind: 'callback' })).toBe(false);
    // Party and assignee are the task's question, not the kind's: a guarantor's notice may close a guarantor's task.
    const guarantor = kinds['guarantorMaturityNotice'] as TaskKindDefinition;
    expect(mayClose(guarantor, { type: 'noticeSent', kind: 'maturityNotice', party: 'G-1' })).toBe(true);
    // Either entry of a kind closed by two types.
    const reminder = kinds['repaymentReminder'] as TaskKindDefinition;
    expect(mayClose(reminder, { type: 'noticeSent', kind: 'repaymentReminder' })).toBe(true);
    expect(mayClose(reminder, { type: 'contactAttempt', party: 'borrower', channel: 'sms' })).toBe(true);
    expect(mayClose(reminder, { type: 'contactAttempt', party: 'borrower', channel: 'visit' })).toBe(false);
  });

  it('is false whenever no entry of the kind closes the event for any party (property, every kind of cn-default)', () => {
    // Values drawn from what the kinds match on, and a few they do not.
    const values = [...new Set(Object.values(kinds).flatMap((d) => d.closedBy.flatMap((c) => Object.values(c.match ?? {}).flat())))];
    const types = [...new Set(Object.values(kinds).flatMap((d) => d.closedBy.map((c) => c.event)))];
    const field = fc.option(fc.constantFrom(...values, 'other', 7), { nil: undefined });
    const party = fc.constantFrom('borrower', 'G-1', 'C-1', 'guarantor', 'contact');
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(kinds)),
        fc.record({ type: fc.constantFrom(...types, 'payment'), kind: field, party: fc.option(party, { nil: undefined }), partyId: fc.option(party, { nil: undefined }), channel: field, outcome: field, receiptSigned: fc.option(fc.boolean(), { nil: undefined }), collateralId: fc.option(party, { nil: undefined }), collectorId: fc.option(fc.constantFrom('K-1', 'K-2'), { nil: undefined }) }),
        party,
        fc.option(fc.constantFrom('guarantor', 'contact', 'collateral'), { nil: undefined }),
        fc.option(fc.constantFrom('K-1', 'K-2'), { nil: undefined }),
        (kind, raw, taskParty, role, assignee) => {
          const def = kinds[kind] as TaskKindDefinition;
          const e = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
          const closes = def.closedBy.some((c) => eventCloses(c, e, taskParty, role, assignee));
          const accepted = def.closedBy.some((c) => c.event === e['type'] && Object.entries(c.match ?? {}).every(([k, want]) => (Array.isArray(want) ? (want as unknown[]).includes(e[k]) : e[k] === want)));
          expect(mayClose(def, e)).toBe(accepted);
          if (closes) expect(mayClose(def, e)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
