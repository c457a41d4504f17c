import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { readPackDir } from '../../src/cli/files';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { jsonSchemas } from '../../src/rules/jsonSchemas';
import { loadPack } from '../../src/rules/loadPack';
import { runCli } from './run';
import type { ReplayOutputView } from './replayOutputView';
import type { TimelineEntryView } from './timelineEntryView';

const PACK = 'rules/us-ffiec';
const FIXTURES = 'tests/fixtures/us-ffiec';

type Entry = TimelineEntryView;
type Output = ReplayOutputView;

/** `postloan replay <fixture> --pack rules/us-ffiec --as-of <asOf>` (or another pack), parsed. */
function replay(fixture: string, asOf: string, pack: string = PACK): Output & { classes: string[]; states: string[]; rejected: Entry[] } {
  const { code, stdout, stderr } = runCli('replay', `${FIXTURES}/${fixture}`, '--pack', pack, '--as-of', asOf);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const out = JSON.parse(stdout) as Output;
  const changes = (kind: string) => out.timeline.filter((e) => e.kind === kind).map((e) => `${e.on} ${e.to ?? ''}`);
  return { ...out, classes: changes('classificationChanged'), states: changes('stateChanged'), rejected: out.timeline.filter((e) => e.kind === 'eventRejected') };
}

const reAges = (out: Output) => out.timeline.filter((e) => e.kind === 'scheduleReplaced' && e.how === 'reAge');
/** The reason of a re-age the pack's permit refuses: its failed conditions with their values. */
const notPermitted = (why: string) => `The pack does not permit this re-age: rule permit-re-age (P-US-4) needs ${why}`;

describe('rules/us-ffiec: the FFIEC Uniform Retail Credit Classification policy as a variant of cn-default', () => {
  it('validates with no finding, and replaces the cn-default floors by id', () => {
    const v = runCli('validate', PACK);
    expect(v.stdout).toContain('is valid: 0 errors, 0 warnings');
    expect(v.code).toBe(0);
    const r = loadPack(readPackDir(PACK), { dir: `${PACK}/` });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const floors = Object.fromEntries(r.value.rulesByType.classificationFloor.map((f) => [f.id, f.file]));
    expect(floors['floor-substandard']).toBe(`${PACK}/urccp.json`);
    expect(floors['floor-loss']).toBe(`${PACK}/urccp.json`);
    expect(floors['floor-doubtful']).toBeUndefined();
    expect(floors['floor-special-mention']).toBe('rules/cn-default/classification.json');
    // urccp.json's 6 rules (one replacing floor-doubtful's place is disabled) and charge-off.json's 4.
    expect(r.value.rules.length).toBe(cnDefaultPack().rules.length - 1 + 6 + 4);
  });

  it('the fixtures are valid against the generated history schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(jsonSchemas()['history.schema.json'] as object);
    for (const f of ['closed-end', 'open-end', 're-ages', 'young-account', 'bankruptcy']) {
      expect(validate(JSON.parse(readFileSync(`${FIXTURES}/${f}.json`, 'utf8'))), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('substandard on the exact day the loan is 90 days past due (cn-default: the day after)', () => {
    // US-CE-1: 1,200.00 at 0 %, 12 × 100.00 on the 10th from 2026-02-10, nothing paid. The first instalment
    // is past due from 2026-02-11 (DPD 1); 2026-02-10 + 90 days = 2026-05-11 (Feb 28 days: Mar 10 = DPD 28,
    // Apr 10 = 59, May 10 = 89, May 11 = 90).
    const before = replay('closed-end.json', '2026-05-10');
    expect([before.dpd, before.classification]).toEqual([89, 'specialMention']);
    const on = replay('closed-end.json', '2026-05-11');
    expect([on.dpd, on.classification]).toEqual([90, 'substandard']);
    expect(on.timeline.find((e) => e.kind === 'classificationChanged' && e.to === 'substandard')).toMatchObject({ on: '2026-05-11', ruleIds: ['P-US-1'], rules: ['floor-substandard'], inputs: { dpd: 90 } });
    // Past due on 2026-05-11: the instalments of Feb 10, Mar 10, Apr 10 and May 10, 4 × 100.00 = 400.00,
    // of 1,200.00 outstanding.
    expect([on.overdue.principal, on.outstanding.principal]).toEqual(['400.00', '1200.00']);
    expect(replay('closed-end.json', '2026-05-11', 'rules/cn-default').classification).toBe('specialMention');
  });

  it('closed-end: loss at 120 days past due, written off from that day and not the day before', () => {
    // 2026-02-10 + 120 days = 2026-06-10 (May 11 = 90, + 30 = Jun 10).
    const out = replay('closed-end.json', '2026-06-20');
    expect(out.classes).toEqual(['2026-02-11 specialMention', '2026-05-11 substandard', '2026-06-10 loss']);
    expect(out.timeline.find((e) => e.kind === 'classificationChanged' && e.to === 'loss')).toMatchObject({
      ruleIds: ['P-US-2'],
      rules: ['floor-loss'],
      inputs: { dpd: 120, 'attributes.creditType': 'closedEnd' },
    });
    // 2026-06-09 (DPD 119) the request is refused and recorded; 2026-06-10 (DPD 120) it is taken, approved by
    // someone else on 2026-06-12: written off with 1,200.00 of principal outstanding.
    expect(out.rejected.find((e) => e.eventId === 'wo-req-early')).toMatchObject({ on: '2026-06-09', ruleIds: ['P-LC-7'], reason: 'Only a loan classified loss may be written off; this loan is substandard' });
    expect(out.timeline.find((e) => e.kind === 'writeOffRequested')).toMatchObject({ on: '2026-06-10', eventId: 'wo-req' });
    expect(out.states.at(-1)).toBe('2026-06-12 writtenOff');
    expect([out.state, out.outstanding.principal]).toEqual(['writtenOff', '1200.00']);
  });

  it('open-end: still substandard at 120 days (write-off refused), loss at 180 days', () => {
    // US-OE-1: the same loan with creditType "openEnd". 2026-02-10 + 180 days = 2026-08-09
    // (Jun 10 = 120, Jul 10 = 150, Aug 9 = 180).
    const at179 = replay('open-end.json', '2026-08-08');
    expect([at179.dpd, at179.classification]).toEqual([179, 'substandard']);
    expect(at179.rejected.find((e) => e.eventId === 'wo-req-120')).toMatchObject({ on: '2026-06-10', reason: 'Only a loan classified loss may be written off; this loan is substandard' });
    const out = replay('open-end.json', '2026-08-20');
    expect(out.classes).toEqual(['2026-02-11 specialMention', '2026-05-11 substandard', '2026-08-09 loss']);
    expect(out.timeline.find((e) => e.kind === 'classificationChanged' && e.to === 'loss')).toMatchObject({ ruleIds: ['P-US-2'], rules: ['floor-loss-open-end'], inputs: { dpd: 180, 'attributes.creditType': 'openEnd' } });
    expect(out.states.at(-1)).toBe('2026-08-10 writtenOff');
  });

  it('a re-age brings the account current: the 3 past-due instalments move to the end, nothing forgiven', () => {
    // US-OE-2: 6,000.00 at 0 %, 60 × 100.00 on the 10th, 2025-02-10 … 2030-01-10. 600.00 on 2025-02-10 pays
    // Feb–Jul 2025; Aug, Sep, Oct 2025 are missed, then 100.00 on 2025-11-10, 2025-12-10 and 2026-01-10 pay
    // them (the oldest first). On 2026-01-12 Nov 10, Dec 10 and Jan 10 are past due: 300.00, DPD 63.
    const before = replay('re-ages.json', '2026-01-11');
    expect([before.dpd, before.overdue.principal, before.state]).toEqual([62, '300.00', 'outsourced']);
    const out = replay('re-ages.json', '2026-01-12');
    // Permitted: 12 months on book (≥ 9), 300.00 paid since 2025-10-12 = 3.00 instalments (≥ 3), no re-age before.
    expect(reAges(out)).toEqual([
      expect.objectContaining({ on: '2026-01-12', eventId: 'reage-1', ruleIds: ['P-US-4', 'P-CT-1'], principal: '300.00', capitalized: { interest: '0.00', penalty: '0.00' }, instalments: 3, firstDueOn: '2030-02-10', maturity: '2030-04-10' }),
    ]);
    // Current: DPD 0, class and state follow at once; the balance is unchanged (6,000.00 − 600.00 − 300.00 paid
    // = 5,100.00 outstanding), and the six instalments missed (Aug 2025 … Jan 2026) stay missed.
    expect([out.dpd, out.classification, out.state, out.overdue.total, out.outstanding.principal]).toEqual([0, 'pass', 'normal', '0.00', '5100.00']);
    expect(out.missedInstalments).toEqual({ consecutive: 6, cumulative: 6 });
    expect(out.classes.slice(-1)).toEqual(['2026-01-12 pass']);
    // A re-age on a current loan is refused and recorded (2025-03-01: everything due was paid).
    expect(out.rejected.find((e) => e.eventId === 'reage-current')).toMatchObject({ on: '2025-03-01', ruleIds: ['P-US-4'], reason: 'Nothing is past due: a re-age brings a delinquent account current' });
  });

  it('a second re-age within 12 months is refused with its reason and recorded; on the anniversary it is taken', () => {
    // After 2026-01-12 Feb–Apr 2026 are missed, 100.00 on May 10, Jun 10, Jul 10 pay them. 2026-07-13 is within
    // 12 months of 2026-01-12: refused.
    const out = replay('re-ages.json', '2027-01-12');
    expect(out.rejected.find((e) => e.eventId === 'reage-2')).toMatchObject({
      on: '2026-07-13',
      ruleIds: ['P-US-4'],
      reason: notPermitted('reAgesLast12Months < 1 (it is 1)'),
    });
    // Six more payments of 100.00 (Aug 2026 … Jan 2027) keep the account 3 behind: on 2027-01-12 Nov 10, Dec 10
    // and Jan 10 are past due (300.00). 2027-01-12 is exactly 12 months after 2026-01-12: that re-age has left
    // the window, and the refused one never counted. Moved after the last instalment (2030-04-10).
    expect(reAges(out).map((e) => [e.on, e.principal, e.firstDueOn, e.maturity])).toEqual([
      ['2026-01-12', '300.00', '2030-02-10', '2030-04-10'],
      ['2027-01-12', '300.00', '2030-05-10', '2030-07-10'],
    ]);
    // Paid: 600.00 + 3 × 100.00 + 3 × 100.00 + 6 × 100.00 = 1,800.00 → 4,200.00 outstanding, nothing overdue.
    expect([out.dpd, out.state, out.outstanding.principal]).toEqual([0, 'normal', '4200.00']);
  });

  it('a third re-age within 5 years is refused', () => {
    // Feb–Apr 2027 missed, nine payments of 100.00 (May 2027 … Jan 2028): on 2028-01-12 three instalments are
    // past due again. No re-age in the last 12 months (2027-01-12 left the window that day), but two in the
    // last 5 years (2026-01-12 and 2027-01-12): refused.
    const out = replay('re-ages.json', '2028-01-12');
    expect(out.rejected.find((e) => e.eventId === 'reage-4')).toMatchObject({
      on: '2028-01-12',
      ruleIds: ['P-US-4'],
      reason: notPermitted('reAgesLast5Years < 2 (it is 2)'),
    });
    expect(reAges(out)).toHaveLength(2);
    // 2027-02-10 + 90 days = 2027-05-11, but the 2027-05-10 payment paid Feb: Mar 10 + 90 = 2027-06-08.
    expect(out.classes.slice(-2)).toEqual(['2027-02-11 specialMention', '2027-06-08 substandard']);
    expect([out.dpd, out.classification, out.overdue.principal]).toEqual([63, 'substandard', '300.00']);
  });

  it('an account on book less than 9 months is not re-aged; four-eyes; at 9 months it is', () => {
    // US-OE-3: 1,200.00, 12 × 100.00 from 2026-02-10, disbursed 2026-01-10. Feb–Apr missed; 100.00 on the 10th
    // of May … Oct pays Feb … Jul. 2026-10-09 is 8 whole months after 2026-01-10 (the 9th starts on 2026-10-10).
    const out = replay('young-account.json', '2026-10-20');
    expect(out.rejected.map((e) => [e.on, e.eventId, e.ruleIds, e.reason])).toEqual([
      ['2026-10-09', 'reage-young', ['P-US-4'], notPermitted('monthsOnBook ≥ 9 (it is 8)')],
      ['2026-10-11', 'reage-self', ['P-CT-1'], 'The re-age must be approved by someone other than the requester (four-eyes)'],
    ]);
    // 2026-10-12: 9 months on book; 300.00 paid since 2026-07-12 (Aug, Sep, Oct 10); Aug, Sep and Oct 10 past
    // due (300.00) move after 2027-01-10: 2027-02-10 … 2027-04-10.
    expect(reAges(out)).toEqual([expect.objectContaining({ on: '2026-10-12', eventId: 'reage-9m', principal: '300.00', instalments: 3, firstDueOn: '2027-02-10', maturity: '2027-04-10' })]);
    expect([out.dpd, out.classification, out.outstanding.principal]).toEqual([0, 'pass', '600.00']);
  });

  it('a closed-end loan is not re-aged: the refusal names every failed condition', () => {
    // 2026-05-20: closed-end, 4 months on book, nothing paid.
    const out = replay('closed-end.json', '2026-05-20');
    expect(out.rejected.find((e) => e.eventId === 'reage-closed')).toMatchObject({
      ruleIds: ['P-US-4'],
      reason:
        notPermitted('attributes.creditType = "openEnd" (it is "closedEnd") and monthsOnBook ≥ 9 (it is 4) and instalmentsPaidLast3Months ≥ 3 (it is 0)'),
    });
    expect(out.dpd).toBe(99);
  });

  it('a notified bankruptcy makes the loan loss at once, and it may be written off', () => {
    // US-OE-4: DPD 33 on 2026-03-15 (Feb 10 + 33); the observation bankruptcyNotified = true that day.
    const out = replay('bankruptcy.json', '2026-03-20');
    expect(out.timeline.find((e) => e.kind === 'classificationChanged' && e.to === 'loss')).toMatchObject({ on: '2026-03-15', ruleIds: ['P-US-3'], rules: ['floor-loss-bankruptcy'], inputs: { 'observations.bankruptcyNotified': true } });
    expect(out.states.at(-1)).toBe('2026-03-17 writtenOff');
  });

  it('cn-default permits no re-age: the instruction is recorded as refused', () => {
    const out = replay('young-account.json', '2026-10-20', 'rules/cn-default');
    expect(out.rejected.find((e) => e.eventId === 'reage-9m')).toMatchObject({ ruleIds: [], reason: 'The pack does not permit this re-age: no rule of pack cn-default permits reAge' });
    expect(reAges(out)).toEqual([]);
  });
});

describe('rules/us-ffiec 1.2.0: the charge-off deadline is a task (P-US-2, P-US-3)', () => {
  const chargeOff = (out: Output) => out.tasks.filter((t) => t.kind === 'chargeOff');

  it('closed-end: due by the end of the month it reaches 120 days past due, done by the approved write-off', () => {
    // DPD 120 on 2026-06-10: the task opens that day, due 2026-06-30; the write-off approved on 2026-06-12 does it.
    expect(chargeOff(replay('closed-end.json', '2026-07-15'))).toEqual([
      { id: 'US-CE-1/chargeOff/2026-06-10/loanOfficer', kind: 'chargeOff', ruleId: 'P-US-2', party: 'loanOfficer', openedOn: '2026-06-10', dueOn: '2026-06-30', status: 'done', closedOn: '2026-06-12', closedBy: 'wo-ok' },
    ]);
  });

  it('open-end: due by the end of the month it reaches 180 days past due', () => {
    expect(chargeOff(replay('open-end.json', '2026-09-15')).map((t) => [t.ruleId, t.openedOn, t.dueOn, t.status])).toEqual([['P-US-2', '2026-08-09', '2026-08-31', 'done']]);
  });

  it('a notified bankruptcy: due 60 days after the notification', () => {
    expect(chargeOff(replay('bankruptcy.json', '2026-06-30')).map((t) => [t.ruleId, t.openedOn, t.dueOn, t.status])).toEqual([['P-US-3', '2026-03-15', '2026-05-14', 'done']]);
  });

  it('regression: a write-off approval rejected under four-eyes did the charge-off task; the task now stays owed and is breached', () => {
    const history = JSON.parse(readFileSync(`${FIXTURES}/closed-end.json`, 'utf8')) as { $schema?: string; events: { type: string; by?: string }[] };
    delete history.$schema;
    for (const e of history.events) if (e.type === 'writeOffApproval') e.by = 'officer-1';
    const file = join(tmpdir(), `us-ffiec-self-approved-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(history));
    const { code, stdout } = runCli('replay', file, '--pack', PACK, '--as-of', '2026-07-05');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Output;
    expect(out.state).toBe('outsourced');
    expect(out.timeline.find((e) => e.kind === 'eventRejected' && e.eventId === 'wo-ok')?.reason).toContain('four-eyes');
    expect(chargeOff(out).map((t) => [t.dueOn, t.status])).toEqual([['2026-06-30', 'breached']]);
    expect(out.timeline.filter((e) => e.kind === 'taskBreached' && e.taskKind === 'chargeOff').map((e) => e.on)).toEqual(['2026-07-01']);
  });

  it('a loan brought below the threshold before the write-off: the task is cancelled, not breached', () => {
    // Paid in full on 2026-06-20, after the task opened (2026-06-10) and before its deadline.
    const history = JSON.parse(readFileSync(`${FIXTURES}/closed-end.json`, 'utf8')) as { $schema?: string; events: { type: string }[] };
    delete history.$schema;
    history.events = history.events.filter((e) => !e.type.startsWith('writeOff') && e.type !== 'reAge');
    history.events.push({ id: 'pay-all', type: 'payment', on: '2026-06-20', amount: '1200.00' } as { type: string });
    const file = join(tmpdir(), `us-ffiec-cured-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(history));
    const { code, stdout, stderr } = runCli('replay', file, '--pack', PACK, '--as-of', '2026-07-05');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(chargeOff(JSON.parse(stdout) as Output).map((t) => [t.openedOn, t.status])).toEqual([['2026-06-10', 'cancelled']]);
  });
});
