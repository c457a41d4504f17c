/**
 * P-CS-10, the collector's day: a loan in collection with a collector gets a feedback task each working
 * day, due by 17:00 that day (the task kind's due time, in the pack's zone Asia/Shanghai). The loan of
 * examples/rolls-to-outsourced.json is overdue (M1) from 2026-01-11; the collector is assigned on Monday
 * 2026-01-12.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../src/errors/PostloanError';
import { replay, replayVersions, replayWithSnapshot, resumeReplay } from '../../../src/engine/replay';
import { restoreSnapshot } from '../../../src/engine/snapshot';
import { parseHistoryValue } from '../../../src/history/parseHistory';
import { cnDefaultPack, cnDefaultPackFiles } from '../../../src/rules/defaultPack';
import { loadPack } from '../../../src/rules/loadPack';
import { day } from '../../../src/time/day';
import { replayHistory } from '../../../src/testing';

const base = JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')) as { loan: { id: string }; events: unknown[] };
const ID = base.loan.id;
const task = (on: string) => `${ID}/collectionFeedback/${on}/collector`;
const assigned = { id: 'as-1', type: 'assigned', on: '2026-01-12', collectorId: 'C-7', agencyId: 'AG-1' };
const feedback = (id: string, at: string, collectorId?: string) => ({ id, type: 'collectionFeedback', on: at.slice(0, 10), at, ...(collectorId === undefined ? {} : { collectorId }) });

function run(asOf: string, events: readonly unknown[]) {
  const out = replayHistory({ loan: base.loan, events: [...base.events, ...events] }, { asOf });
  return { out, feedbackTasks: out.tasks.filter((t) => t.kind === 'collectionFeedback') };
}

describe('P-CS-10: the collector’s daily feedback', () => {
  it('no collector, no feedback task: the rule needs an assigned event', () => {
    const { out, feedbackTasks } = run('2026-01-20', []);
    expect(out.state).toBe('overdueM1');
    expect(feedbackTasks).toEqual([]);
    expect(out.collector).toBeUndefined();
  });

  it('an assigned event gives the loan its collector, recorded in the output and the timeline', () => {
    const { out } = run('2026-01-12', [assigned]);
    expect(out.collector).toEqual({ collectorId: 'C-7', agencyId: 'AG-1' });
    expect(out.timeline).toContainEqual({ id: expect.stringMatching(/^tl-[0-9a-f]{40}$/), on: '2026-01-12', kind: 'collectorAssigned', ruleIds: ['P-CS-10'], eventId: 'as-1', collectorId: 'C-7', agencyId: 'AG-1' });
  });

  it('opens one task a working day, due that day, assigned to the collector: none on the weekend', () => {
    const { feedbackTasks } = run('2026-01-19', [assigned]);
    expect(feedbackTasks.map((t) => t.openedOn)).toEqual(['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16', '2026-01-19']);
    expect(feedbackTasks[0]).toEqual({
      id: task('2026-01-12'),
      kind: 'collectionFeedback',
      ruleId: 'P-CS-10',
      party: 'collector',
      assignee: 'C-7',
      openedOn: '2026-01-12',
      dueOn: '2026-01-12',
      status: 'breached',
    });
    expect(feedbackTasks.at(-1)).toMatchObject({ dueOn: '2026-01-19', status: 'open' });
  });

  it('feedback at 16:59 or 17:00 is on time; at 17:30 it is late, and the breach is dated that day', () => {
    const { out, feedbackTasks } = run('2026-01-15', [
      assigned,
      feedback('fb-1', '2026-01-12T16:59:00+08:00'),
      feedback('fb-2', '2026-01-13T17:00:00+08:00', 'C-7'),
      feedback('fb-3', '2026-01-14T17:30:00+08:00'),
    ]);
    expect(feedbackTasks.map((t) => [t.openedOn, t.status, t.closedBy])).toEqual([
      ['2026-01-12', 'done', 'fb-1'],
      ['2026-01-13', 'done', 'fb-2'],
      ['2026-01-14', 'late', 'fb-3'],
      ['2026-01-15', 'open', undefined],
    ]);
    const breaches = out.timeline.filter((e) => e.kind === 'taskBreached' && e.taskId === task('2026-01-14'));
    expect(breaches).toEqual([{ id: expect.stringMatching(/^tl-[0-9a-f]{40}$/), on: '2026-01-14', kind: 'taskBreached', ruleIds: ['P-CS-10'], taskId: task('2026-01-14'), taskKind: 'collectionFeedback', party: 'collector', dueOn: '2026-01-14' }]);
  });

  it('the time is read in the pack’s zone whatever the offset written: 09:30Z is 17:30 in Shanghai', () => {
    const { feedbackTasks } = run('2026-01-12', [assigned, feedback('fb-1', '2026-01-12T09:30:00Z')]);
    expect(feedbackTasks[0]).toMatchObject({ status: 'late', closedBy: 'fb-1' });
  });

  it('no feedback: breached from the next day, and a feedback days later does it late', () => {
    const { feedbackTasks } = run('2026-01-13', [assigned]);
    expect(feedbackTasks[0]).toMatchObject({ openedOn: '2026-01-12', status: 'breached' });
    // The day's own feedback does the day's task (opened that morning); a second one that day makes up
    // for the oldest missed day, late.
    const later = run('2026-01-14', [assigned, feedback('fb-1', '2026-01-14T10:00:00+08:00'), feedback('fb-2', '2026-01-14T16:00:00+08:00')]).feedbackTasks;
    expect(later.map((t) => [t.openedOn, t.status, t.closedBy])).toEqual([
      ['2026-01-12', 'late', 'fb-2'],
      ['2026-01-13', 'breached', undefined],
      ['2026-01-14', 'done', 'fb-1'],
    ]);
  });

  it('a feedback naming another collector does not do the task', () => {
    const { feedbackTasks } = run('2026-01-12', [assigned, feedback('fb-1', '2026-01-12T10:00:00+08:00', 'C-8')]);
    expect(feedbackTasks[0]).toMatchObject({ status: 'open' });
    expect(feedbackTasks[0]?.closedBy).toBeUndefined();
  });

  it('a new assignment gives the tasks opened from then on to the new collector; earlier ones keep theirs', () => {
    // The day's task opened in the morning, with the collector who held the case then.
    const { out, feedbackTasks } = run('2026-01-15', [assigned, { id: 'as-2', type: 'assigned', on: '2026-01-14', collectorId: 'C-8' }]);
    expect(feedbackTasks.map((t) => t.assignee)).toEqual(['C-7', 'C-7', 'C-7', 'C-8']);
    expect(out.collector).toEqual({ collectorId: 'C-8' });
  });

  it('no task once the loan is cured: the rule holds only in collection (the day’s task, opened that morning, is cancelled)', () => {
    const { out, feedbackTasks } = run('2026-01-16', [assigned, { id: 'pay', type: 'payment', on: '2026-01-13', amount: '20000.00' }]);
    expect(out.state).toBe('normal');
    expect(feedbackTasks.map((t) => [t.openedOn, t.status])).toEqual([
      ['2026-01-12', 'breached'],
      ['2026-01-13', 'cancelled'],
    ]);
  });

  it('a snapshot keeps the collector and the assignees: resumed = replayed from the start', () => {
    const pack = cnDefaultPack();
    const events = [...base.events, assigned, feedback('fb-1', '2026-01-12T16:00:00+08:00'), feedback('fb-2', '2026-01-20T18:00:00+08:00')];
    const h = unwrap(parseHistoryValue({ loan: base.loan, events }, 'h.json'));
    const full = replay(h, pack, { asOf: day('2026-01-25') });
    for (const lean of [false, true]) {
      const { snapshot } = replayWithSnapshot(h, pack, { asOf: day('2026-01-14'), lean });
      expect(snapshot.state.collector).toEqual({ collectorId: 'C-7', agencyId: 'AG-1' });
      const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack));
      const resumed = resumeReplay(restored, pack, h.events.filter((e) => e.on > restored.asOf), { asOf: day('2026-01-25') });
      expect(resumed.output.collector).toEqual(full.collector);
      const owed = (ts: typeof full.tasks) => ts.filter((t) => t.kind === 'collectionFeedback' && t.openedOn > '2026-01-13');
      expect(owed(resumed.output.tasks)).toEqual(owed(full.tasks));
      if (!lean) expect(JSON.stringify(resumed.output)).toBe(JSON.stringify(full));
    }
  });

  it('a pack version switch keeps the collector and the daily tasks (regression: the switched task book forgot the collector)', () => {
    const manifest = cnDefaultPackFiles['pack.json'] as Readonly<Record<string, unknown>>;
    const next = unwrap(loadPack({ ...cnDefaultPackFiles, 'pack.json': { ...manifest, version: '1.0.1', effectiveFrom: '2026-01-14' } }));
    const h = unwrap(parseHistoryValue({ loan: base.loan, events: [...base.events, assigned] }, 'h.json'));
    const switched = replayVersions(h, [cnDefaultPack(), next], { asOf: day('2026-01-16') });
    expect(switched.collector).toEqual({ collectorId: 'C-7', agencyId: 'AG-1' });
    expect(switched.tasks.filter((t) => t.kind === 'collectionFeedback').map((t) => [t.openedOn, t.assignee])).toEqual([
      ['2026-01-12', 'C-7'],
      ['2026-01-13', 'C-7'],
      ['2026-01-14', 'C-7'],
      ['2026-01-15', 'C-7'],
      ['2026-01-16', 'C-7'],
    ]);
  });
});
