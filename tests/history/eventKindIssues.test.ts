import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PostloanError } from '../../src/errors/PostloanError';
import { replay } from '../../src/engine/replay';
import { eventKindIssues, kindVocabulary } from '../../src/history/eventKindIssues';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';

const pack = cnDefaultPack();

function historyWith(...events: Record<string, unknown>[]) {
  const base = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { loan: unknown; events: Record<string, unknown>[] };
  const r = parseHistoryValue({ loan: base.loan, events: [...base.events, ...events] }, 'h.json');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { history: r.value, at: base.events.length };
}

describe('kinds of inspection and notice events', () => {
  it('the default pack names its inspection and notice kinds', () => {
    const v = kindVocabulary(pack);
    expect([...(v.get('inspection') ?? [])]).toContain('annualReport');
    expect([...(v.get('noticeSent') ?? [])]).toContain('collectionNotice');
  });

  it('builds the vocabulary of a pack once: every loan of a batch asks the same pack', () => {
    expect(kindVocabulary(pack)).toBe(kindVocabulary(pack));
  });

  // Regression: an inspection of kind "anualReport" was accepted silently and closed no task.
  it('an inspection kind typo is refused at replay, with the nearest known kind', () => {
    const { history, at } = historyWith({ id: 'i9', type: 'inspection', on: '2026-03-01', kind: 'anualReport' });
    expect(eventKindIssues(history.events, pack, 'h.json')).toEqual([
      expect.objectContaining({ code: 'event.unknownKind', file: 'h.json', path: `events[${at}].kind`, hint: expect.stringMatching(/^did you mean "annualReport"\?/) as unknown }),
    ]);
    expect(() => replay(history, pack, { asOf: day('2026-04-20') })).toThrow(PostloanError);
  });

  // Regression: a notice of a kind no task kind names was accepted silently.
  it('a notice kind the pack does not know is refused, listing the known kinds', () => {
    const { history } = historyWith({ id: 'n9', type: 'noticeSent', on: '2026-03-01', kind: 'warningLetter' });
    const issues = eventKindIssues(history.events, pack);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toBe('Unknown noticeSent kind "warningLetter" (event n9): the pack knows no such kind, so the event could do no task');
    expect(issues[0]?.hint).toContain('"collectionNotice"');
  });

  it('known kinds replay', () => {
    const { history } = historyWith({ id: 'i9', type: 'inspection', on: '2026-03-01', kind: 'annualReport' }, { id: 'n9', type: 'noticeSent', on: '2026-03-02', kind: 'collectionNotice' });
    expect(eventKindIssues(history.events, pack)).toEqual([]);
    expect(replay(history, pack, { asOf: day('2026-04-20') }).state).toBeDefined();
  });

  it('a pack that names no kind for an event type does not check it', () => {
    const { history } = historyWith({ id: 'i9', type: 'inspection', on: '2026-03-01', kind: 'anything' });
    expect(eventKindIssues(history.events, { taskKinds: {}, rules: [] })).toEqual([]);
  });
});
