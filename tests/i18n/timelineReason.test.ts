import { describe, expect, it } from 'vitest';
import type { TimelineEntry, TimelineRecord } from '../../src/engine/output';
import { catalogueFor } from '../../src/i18n/catalogueFor';
import { en } from '../../src/i18n/en';
import { LOCALES } from '../../src/i18n/locale';
import { timelineReason, timelineSentence, withReasons } from '../../src/i18n/timelineReason';
import { zhCN } from '../../src/i18n/zhCN';
import { replay } from '../../src/engine/replay';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { readFileSync } from 'node:fs';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistory } from '../../src/history/parseHistory';
import { day } from '../../src/time/day';

const task = { taskId: 'L-1/collectionNotice/i1/borrower', taskKind: 'collectionNotice', party: 'guarantor', partyId: 'G-1' };
const decision = { rules: ['r'], inputs: { dpd: 31 } };
const pack = { id: 'cn-default', version: '1.0.0', hash: 'sha256:ab' };

/** One entry of every timeline kind, with the fields the reasons read. */
const RECORDS: readonly TimelineRecord[] = [
  { on: '2026-03-16', kind: 'stateChanged', from: 'overdueM1', to: 'overdueM2M3', ruleIds: ['P-LC-1'], ...decision },
  { on: '2026-03-16', kind: 'bucketChanged', from: 'M1', to: 'M2', ruleIds: ['P-LC-2'], ...decision },
  { on: '2026-03-16', kind: 'classificationChanged', from: 'specialMention', to: 'substandard', ruleIds: ['P-CL-3'], ...decision },
  { on: '2026-03-16', kind: 'dimensionChanged', dimension: 'stage', from: 'stage1', to: 'stage2', ruleIds: ['P-ST-1'], ...decision },
  { on: '2026-03-16', kind: 'paymentApplied', eventId: 'p1', amount: '1000.00', allocated: { penalty: '1.00', interest: '9.00', principal: '990.00' }, interestWaived: '2.00', overpaid: '0.50', ruleIds: ['P-NT-10'] },
  { on: '2026-03-16', kind: 'agencyAssigned', eventId: 'a1', agencyId: 'AG-1', ruleIds: ['P-CS-7'] },
  { on: '2026-03-16', kind: 'agencyRecalled', eventId: 'a2', agencyId: 'AG-1', reason: 'complaints', ruleIds: ['P-CS-7'] },
  { on: '2026-03-16', kind: 'collectorAssigned', eventId: 'as1', collectorId: 'C-7', agencyId: 'AG-1', ruleIds: ['P-CS-10'] },
  { on: '2026-03-16', kind: 'writeOffRequested', eventId: 'w1', ruleIds: ['P-LC-7'] },
  { on: '2026-03-16', kind: 'collateralRevalued', eventId: 'v1', collateralId: 'C-1', value: '500000.00', previous: '600000.00', ruleIds: ['P-CO-1'] },
  { on: '2026-03-16', kind: 'policyBreach', eventId: 'c9', breach: 'callHours', message: 'a call at 23:10', ruleIds: ['P-CS-3'] },
  { on: '2026-03-16', kind: 'judgmentRecorded', eventId: 'j1', ruleIds: ['P-LC-6'] },
  { on: '2026-03-16', kind: 'riskLevelChanged', from: 'low', to: 'high', ruleIds: ['P-EW-2'], ...decision },
  { on: '2026-03-16', kind: 'managementModeChanged', from: 'regular', to: 'key', ruleIds: ['P-EW-3'], ...decision },
  { on: '2026-03-16', kind: 'segmentChanged', from: 'none', to: 'lostContact', ruleIds: ['P-CS-9'], ...decision },
  {
    on: '2026-03-16', kind: 'scheduleReplaced', eventId: 'r1', how: 'restructure', principal: '50000.00', capitalized: { interest: '100.00', penalty: '10.00' },
    instalments: 12, firstDueOn: '2026-04-16', maturity: '2027-03-16', observationEndsOn: '2026-09-16', ruleIds: ['P-LC-1'],
  },
  { on: '2026-05-17', kind: 'observationRestarted', instalment: 2, observationEndsOn: '2026-11-17', ruleIds: ['P-CL-6'] },
  { on: '2026-11-17', kind: 'observationEnded', ruleIds: ['P-CL-6'] },
  { on: '2026-03-20', kind: 'promiseKept', eventId: 'pp', amount: '300.00', by: '2026-03-20', paid: '300.00', ruleIds: ['P-CS-9'] },
  { on: '2026-03-21', kind: 'promiseBroken', eventId: 'pq', amount: '300.00', by: '2026-03-20', paid: '0.00', ruleIds: ['P-CS-9'] },
  { on: '2026-03-16', kind: 'observationRecorded', eventId: 'o1', name: 'bureauScore', value: 612, ruleIds: [] },
  { on: '2026-03-16', kind: 'riskSignalRecorded', eventId: 's1', indicator: 'lawsuitAgainstBorrower', value: true, ruleIds: ['P-EW-1'] },
  { on: '2026-03-16', kind: 'taskOpened', ...task, dueOn: '2026-03-23', rules: ['r'], ruleIds: ['P-NT-4'] },
  { on: '2026-03-18', kind: 'taskDone', ...task, eventId: 'n1', late: true, ruleIds: ['P-NT-4'] },
  { on: '2026-03-24', kind: 'taskBreached', ...task, dueOn: '2026-03-23', ruleIds: ['P-NT-4'] },
  { on: '2026-03-24', kind: 'taskCancelled', ...task, reason: 'the loan is settled on 2026-03-24', ruleIds: ['P-NT-4'] },
  { on: '2026-03-16', kind: 'eventRecorded', eventId: 'e1', eventType: 'fieldVisit', ruleIds: [] },
  { on: '2026-03-16', kind: 'eventRejected', eventId: 'e2', eventType: 'writeOffApproval', reason: 'There is no write-off request to approve', ruleIds: ['P-LC-7', 'P-CT-1'] },
  { on: '2026-03-17', kind: 'eventReversed', eventId: 'rv1', reverses: 'p1', reason: 'paid into the wrong account', ruleIds: [] },
  { on: '2026-03-16', kind: 'warning', message: 'several principal payments', ruleIds: [] },
  { on: '2026-03-16', kind: 'packSwitched', from: pack, to: { ...pack, version: '1.1.0' }, ruleIds: [] },
];
const ENTRIES: readonly TimelineEntry[] = RECORDS.map((r, i) => ({ id: `tl-${i}`, ...r }));

describe('timelineReason', () => {
  it('has a sentence for every timeline kind in both locales (the fixture covers every kind)', () => {
    expect(ENTRIES.map((e) => e.kind).sort()).toEqual(Object.keys(en.timelineKind).sort());
    expect(Object.keys(zhCN.reason).sort()).toEqual(Object.keys(en.timelineKind).sort());
    for (const e of ENTRIES) {
      const zh = timelineReason(e, 'zh-CN');
      const english = timelineReason(e, 'en');
      expect(zh, e.kind).toMatch(/[\u4e00-\u9fff]/);
      expect(english, e.kind).not.toBe('');
      expect(english, e.kind).not.toBe(zh);
      for (const id of e.ruleIds) {
        expect(zh).toContain(id);
        expect(english).toContain(id);
      }
    }
  });

  it('builds the sentence from the entry\'s fields, in the regulator\'s words', () => {
    const say = (kind: TimelineEntry['kind']): string => timelineReason(ENTRIES.find((e) => e.kind === kind) as TimelineEntry, 'zh-CN');
    expect(say('classificationChanged')).toBe('五级分类由“关注”调整为“次级”（逾期 31 天）（依据 P-CL-3）');
    expect(say('stateChanged')).toBe('贷款状态由“逾期 M1”转为“逾期 M2–M3”（逾期 31 天）（依据 P-LC-1）');
    expect(say('paymentApplied')).toBe('还款 1000.00 元入账：罚息 1.00 元，利息 9.00 元，本金 990.00 元；减免利息 2.00 元；多付 0.50 元（依据 P-NT-10）');
    expect(say('taskBreached')).toBe('任务超期未办：催收通知书（担保人 G-1），2026-03-23 到期（依据 P-NT-4）');
    expect(say('eventRejected')).toBe('事件被拒：核销批准（e2）；原因（原文）：There is no write-off request to approve（依据 P-LC-7、P-CT-1）');
    expect(say('eventRecorded')).toBe('登记事件：外访（e1）');
    expect(timelineReason(ENTRIES[1] as TimelineEntry, 'en')).toBe('Bucket M1 → M2 at 31 days past due (P-LC-2)');
  });

  it('shows a pack\'s own task kind and event type by its id', () => {
    const own: TimelineEntry = { id: 'tl-own', on: '2026-03-16', kind: 'taskOpened', taskId: 't', taskKind: 'myOwnKind', party: 'borrower', dueOn: '2026-03-20', rules: [], ruleIds: [] };
    expect(timelineSentence(own, catalogueFor('zh-CN'))).toBe('生成任务：myOwnKind（借款人），2026-03-20 到期');
  });

  it('withReasons appends reasonText to every entry and changes nothing else', () => {
    const history = unwrap(parseHistory(readFileSync('examples/rolls-to-outsourced.json', 'utf8'), 'rolls-to-outsourced.json'));
    const output = replay(history, cnDefaultPack(), { asOf: day('2026-04-20') });
    for (const locale of LOCALES) {
      const reasoned = withReasons(output, locale);
      expect(reasoned.timeline.every((e) => Object.keys(e).at(-1) === 'reasonText')).toBe(true);
      const stripped = { ...reasoned, timeline: reasoned.timeline.map(({ reasonText: _, ...e }) => e) };
      expect(JSON.stringify(stripped)).toBe(JSON.stringify(output));
    }
  });
});
