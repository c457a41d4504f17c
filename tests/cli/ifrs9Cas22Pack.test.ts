import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const PACK = 'rules/ifrs9-cas22';
const FIXTURES = 'tests/fixtures/ifrs9-cas22';

// Every history below is the same contract: 12,000.00 disbursed 2026-01-15, 12 months, equal principal at
// 6 % a year, no penalty rate. Instalment k falls due on the 15th, k months after disbursement, and is
// 1,000.00 principal + interest on the principal still owed (0.5 % a month): 60.00, 55.00, 50.00, 45.00,
// 40.00, 35.00, 30.00, … → 1,060.00 on 2026-02-15, 1,055.00 on 03-15, 1,050.00 on 04-15, 1,045.00 on
// 05-15, 1,040.00 on 06-15, 1,035.00 on 07-15, 1,030.00 on 08-15.
// DPD of the 2026-02-15 instalment: 0 on its due date, 1 on 02-16, 30 on 03-17 (February has 28 days:
// 13 days to 02-28, 17 more to 03-17), 31 on 03-18, 89 on 05-15 (28 + 31 + 30 = 89 days to 05-15),
// 90 on 05-16, 91 on 05-17.

type Entry = TimelineEntryView;
type Output = ReplayOutputView;

/** Replays a fixture through the CLI under `pack` (null: the built-in cn-default). */
function replay(history: string, asOf: string, pack: string | null = PACK) {
  const { code, stdout, stderr } = runCli('replay', `${FIXTURES}/${history}.json`, ...(pack === null ? [] : ['--pack', pack]), '--as-of', asOf);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const out = JSON.parse(stdout) as Output;
  const stages = out.timeline.filter((e) => e.kind === 'dimensionChanged' && e.dimension === 'stage');
  const classes = out.timeline.filter((e) => e.kind === 'classificationChanged');
  return {
    ...out,
    stage: out.dimensions?.['stage'],
    stageEntries: stages,
    stages: stages.map((e) => `${e.on} ${e.from ?? ''}→${e.to ?? ''}`),
    classes: classes.map((e) => `${e.on} ${e.from ?? ''}→${e.to ?? ''}`),
    payments: out.timeline.filter((e) => e.kind === 'paymentApplied').map((e) => `${e.on} ${e.eventId ?? ''} ${e.amount ?? ''} = interest ${e.allocated?.['interest'] ?? ''} + principal ${e.allocated?.['principal'] ?? ''}`),
  };
}

const NON_PERFORMING = new Set(['substandard', 'doubtful', 'loss']);

/** Stage 3 and non-performing, replayed from the timeline's changes: the two must agree after every day that changes either. */
function stage3MatchesNonPerforming(out: ReturnType<typeof replay>): string[] {
  const changes = out.timeline.filter((e) => e.kind === 'classificationChanged' || (e.kind === 'dimensionChanged' && e.dimension === 'stage'));
  let stage = 'stage1';
  let cls = 'pass';
  const mismatches: string[] = [];
  for (let i = 0; i < changes.length; i++) {
    const e = changes[i] as Entry;
    if (e.kind === 'classificationChanged') cls = e.to ?? cls;
    else stage = e.to ?? stage;
    const next = changes[i + 1];
    if (next !== undefined && next.on === e.on) continue;
    if ((stage === 'stage3') !== NON_PERFORMING.has(cls)) mismatches.push(`${e.on}: ${stage} with ${cls}`);
  }
  return mismatches;
}

describe('rules/ifrs9-cas22: IFRS 9 / CAS 22 stages over cn-default', () => {
  it('postloan validate --strict: 0 errors, 0 warnings', () => {
    const { code, stdout } = runCli('validate', PACK, '--strict');
    expect(stdout).toBe('✔ rules/ifrs9-cas22 is valid: 0 errors, 0 warnings\n');
    expect(code).toBe(0);
  });

  it('loads: cn-default’s rules and policy plus the stage rules; each stage-3 floor has a substandard twin; the two releases have the same conditions', () => {
    const r = loadPack(readPackDir(PACK), { dir: `${PACK}/` });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const pack = r.value;
    const base = cnDefaultPack();
    expect([pack.id, pack.version]).toEqual(['ifrs9-cas22', '1.0.0']);
    expect(pack.rules.map((x) => x.id)).toEqual(expect.arrayContaining(base.rules.map((x) => x.id)));
    expect(pack.policy?.ids).toEqual([...(base.policy?.ids ?? []), 'P-ST-1', 'P-ST-2', 'P-ST-3', 'P-ST-4', 'P-ST-5', 'P-ST-6', 'P-ST-7']);
    expect(pack.policy?.outsideRules).toEqual(base.policy?.outsideRules);
    const byId = new Map(pack.rules.map((x) => [x.id, x]));
    const conditions = (id: string) => JSON.stringify(byId.get(id)?.conditions);
    // Stage 3 ⇒ non-performing by construction (decision 239).
    expect(conditions('stage3-past-due')).toBe(conditions('floor-substandard-past-due-stage3'));
    expect(conditions('stage3-credit-impaired')).toBe(conditions('floor-substandard-credit-impaired'));
    expect(conditions('permit-stage-upgrade-after-cure')).toBe(conditions('permit-upgrade-after-cure'));
    expect(byId.get('permit-upgrade-after-cure')?.file).toBe(`${PACK}/stages.json`);
  });

  it('performing loan, every instalment paid on its due date: stage1 throughout, printed in the output', () => {
    const out = replay('performing', '2026-04-20');
    expect(out.dimensions).toEqual({ stage: 'stage1' });
    expect(out.stages).toEqual([]);
    expect([out.state, out.dpd, out.classification]).toEqual(['normal', 0, 'pass']);
    expect(out.payments).toEqual([
      '2026-02-15 p1 1060.00 = interest 60.00 + principal 1000.00',
      '2026-03-15 p2 1055.00 = interest 55.00 + principal 1000.00',
      '2026-04-15 p3 1050.00 = interest 50.00 + principal 1000.00',
    ]);
    expect(out.outstanding['principal']).toBe('9000.00');
  });

  it('never paid: stage2 from DPD 1 (special mention, 2026-02-16); stage3 and substandard together at DPD 90 (2026-05-16), a day before cn-default’s substandard', () => {
    const before = replay('never-paid', '2026-05-15');
    expect([before.dpd, before.classification, before.stage]).toEqual([89, 'specialMention', 'stage2']);
    const first = before.stageEntries[0] as Entry;
    expect([first.on, first.from, first.to, first.ruleIds, first.rules]).toEqual(['2026-02-16', 'stage1', 'stage2', ['P-ST-3'], ['stage2-special-mention']]);

    const out = replay('never-paid', '2026-05-16');
    expect([out.dpd, out.classification, out.stage]).toEqual([90, 'substandard', 'stage3']);
    expect(out.stages).toEqual(['2026-02-16 stage1→stage2', '2026-05-16 stage2→stage3']);
    const to3 = out.stageEntries[1] as Entry;
    expect(to3.ruleIds).toEqual(['P-ST-4', 'P-ST-6']);
    expect(to3.rules).toEqual(['stage3-past-due', 'stage3-non-performing']);
    expect(to3.inputs).toMatchObject({ dpd: 90, classification: 'substandard' });
    expect(out.classes).toEqual(['2026-02-16 pass→specialMention', '2026-05-16 specialMention→substandard']);
    const cn = replay('never-paid', '2026-05-17', null);
    expect(cn.classes).toEqual(['2026-02-16 pass→specialMention', '2026-05-17 specialMention→substandard']);
    expect(cn.dimensions).toBeUndefined();
  });

  it('the 30-DPD presumption decides in a variant without the special-mention link: stage2 on 2026-03-18 (DPD 31), not on 03-17 (DPD 30)', () => {
    const root = mkdtempSync(join(tmpdir(), 'postloan-ifrs9-'));
    cpSync('rules/cn-default', join(root, 'cn-default'), { recursive: true });
    cpSync(PACK, join(root, 'ifrs9-cas22'), { recursive: true });
    const variant = join(root, 'no-class-link');
    mkdirSync(variant);
    writeFileSync(
      join(variant, 'pack.json'),
      JSON.stringify({ extends: '../ifrs9-cas22', id: 'ifrs9-no-class-link', version: '1.0.0', effectiveFrom: '2023-07-01', disabledRules: ['stage2-special-mention'] }),
    );
    const at30 = replay('never-paid', '2026-03-17', variant);
    expect([at30.dpd, at30.classification, at30.stage]).toEqual([30, 'specialMention', 'stage1']);
    const at31 = replay('never-paid', '2026-03-18', variant);
    expect([at31.dpd, at31.stage]).toEqual([31, 'stage2']);
    const e = at31.stageEntries[0] as Entry;
    expect([e.on, e.from, e.to, e.ruleIds, e.rules, e.inputs]).toEqual(['2026-03-18', 'stage1', 'stage2', ['P-ST-1'], ['stage2-past-due'], { dpd: 31 }]);
  });

  it('explain: in the pack itself the 30-DPD presumption holds from 2026-03-18 (DPD 31), next to the special-mention link', () => {
    const held = (asOf: string) => {
      const { code, stdout } = runCli('explain', `${FIXTURES}/never-paid.json`, '--pack', PACK, '--as-of', asOf, '--rule', 'stage2-past-due', '--json');
      expect(code).toBe(0);
      const out = JSON.parse(stdout) as { decisions: { topic: string; value: string; rules: { ruleId: string; held: boolean; conditions: { items: { actual: unknown; param?: string }[] } }[] }[] };
      const d = out.decisions.find((x) => x.topic === 'dimension') as (typeof out.decisions)[number];
      const rule = d.rules[0] as (typeof d.rules)[number];
      return [d.value, rule.ruleId, rule.held, rule.conditions.items[0]?.actual, rule.conditions.items[0]?.param];
    };
    expect(held('2026-03-17')).toEqual(['stage2', 'stage2-past-due', false, 30, 'stage2PastDueDays']);
    expect(held('2026-03-18')).toEqual(['stage2', 'stage2-past-due', true, 31, 'stage2PastDueDays']);
  });

  it('its files validate against the shipped JSON Schemas', () => {
    const schemas = jsonSchemas();
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
    expect(ajv.validate(schemas['pack.schema.json'], read(`${PACK}/pack.json`)), ajv.errorsText()).toBe(true);
    expect(ajv.validate(schemas['rules.schema.json'], read(`${PACK}/stages.json`)), ajv.errorsText()).toBe(true);
    for (const file of readdirSync(FIXTURES)) expect(ajv.validate(schemas['history.schema.json'], read(`${FIXTURES}/${file}`)), `${file}: ${ajv.errorsText()}`).toBe(true);
  });

  it('cured in stage 2: the arrears of 1,060.00 paid on 2026-03-10 return the loan to pass and stage1 that day', () => {
    const out = replay('cured-in-stage2', '2026-03-20');
    expect(out.stages).toEqual(['2026-02-16 stage1→stage2', '2026-03-10 stage2→stage1']);
    expect(out.classes).toEqual(['2026-02-16 pass→specialMention', '2026-03-10 specialMention→pass']);
    expect(out.payments).toEqual(['2026-03-10 p1 1060.00 = interest 60.00 + principal 1000.00', '2026-03-15 p2 1055.00 = interest 55.00 + principal 1000.00']);
    expect([out.dpd, out.classification, out.stage, out.outstanding['principal']]).toEqual([0, 'pass', 'stage1', '10000.00']);
  });

  it('cure probation: arrears of 4,210.00 repaid on 2026-05-20; stage3 and substandard kept until the 2nd instalment after the cure falls due on time (2026-07-15)', () => {
    // 4,210.00 = 1,060.00 + 1,055.00 + 1,050.00 + 1,045.00, the four instalments due 02-15 … 05-15:
    // interest 60 + 55 + 50 + 45 = 210.00, principal 4,000.00. Cured 05-20; instalments due after the cure:
    // 06-15 (1st, 1,040.00 paid that day), 07-15 (2nd, 1,035.00 paid that day) → upgradeOnTimePeriods 2
    // holds on 07-15; upgradeCuredDays 184 would be 11-20.
    const kept = replay('cure-probation', '2026-07-14');
    expect([kept.dpd, kept.classification, kept.stage, kept.state]).toEqual([0, 'substandard', 'stage3', 'normal']);
    expect(kept.payments).toEqual([
      '2026-05-20 arrears 4210.00 = interest 210.00 + principal 4000.00',
      '2026-06-15 p5 1040.00 = interest 40.00 + principal 1000.00',
    ]);
    const out = replay('cure-probation', '2026-07-15');
    expect([out.classification, out.stage]).toEqual(['pass', 'stage1']);
    expect(out.stages).toEqual(['2026-02-16 stage1→stage2', '2026-05-16 stage2→stage3', '2026-07-15 stage3→stage1']);
    const release = out.stageEntries[2] as Entry;
    expect(release.ruleIds).toEqual(['P-ST-7']);
    expect(release.rules?.[0]).toBe('permit-stage-upgrade-after-cure');
    expect(release.inputs).toMatchObject({ dpd: 0, onTimeSinceCure: 2, daysSinceCure: 56 });
    expect(out.classes.at(-1)).toBe('2026-07-15 substandard→pass');
    expect(out.outstanding['principal']).toBe('6000.00');
  });

  it('a late instalment restarts the probation: 06-15 paid on 06-20, so release on the 2nd due date after that cure, 2026-08-15', () => {
    // Same arrears repaid 2026-05-20 (cure). The 1,040.00 due 06-15 is unpaid that day: DPD 1 on 06-16 ends
    // the cure; paid 06-20, a new cure. Instalments due after 06-20: 07-15 (1st, 1,035.00), 08-15 (2nd,
    // 1,030.00) → the probation holds on 08-15, a month after the uninterrupted scenario's 07-15.
    const stillKept = replay('probation-restarted', '2026-07-15');
    expect([stillKept.classification, stillKept.stage]).toEqual(['substandard', 'stage3']);
    const eve = replay('probation-restarted', '2026-08-14');
    expect([eve.classification, eve.stage]).toEqual(['substandard', 'stage3']);
    const out = replay('probation-restarted', '2026-08-15');
    expect(out.stages).toEqual(['2026-02-16 stage1→stage2', '2026-05-16 stage2→stage3', '2026-08-15 stage3→stage1']);
    expect(out.classes.at(-1)).toBe('2026-08-15 substandard→pass');
    expect(out.payments.slice(1)).toEqual([
      '2026-06-20 p5-late 1040.00 = interest 40.00 + principal 1000.00',
      '2026-07-15 p6 1035.00 = interest 35.00 + principal 1000.00',
      '2026-08-15 p7 1030.00 = interest 30.00 + principal 1000.00',
    ]);
  });

  it('special mention without arrears (a material event, 2026-03-01 → resolved 2026-04-01) is stage 2 for that month', () => {
    // Instalments of 1,060.00 (02-15), 1,055.00 (03-15) and 1,050.00 (04-15) paid on their due dates: DPD
    // stays 0. floor-material-event (P-CL-3) makes the loan special mention from the materialEvent until
    // the riskSignal materialEventResolved; the stage follows the class the same day.
    const out = replay('material-event', '2026-04-20');
    expect(out.classes).toEqual(['2026-03-01 pass→specialMention', '2026-04-01 specialMention→pass']);
    expect(out.stages).toEqual(['2026-03-01 stage1→stage2', '2026-04-01 stage2→stage1']);
    expect((out.stageEntries[0] as Entry).rules).toEqual(['stage2-special-mention']);
    expect(out.dpd).toBe(0);
  });

  it('a significant-increase observation is stage 2 while the class stays pass (2026-03-01 → withdrawn 2026-05-01)', () => {
    // Paid on time throughout (02-15 … 05-15, 1,060.00 … 1,045.00): only the lender's observation moves the stage.
    const during = replay('significant-increase', '2026-04-20');
    expect([during.classification, during.stage]).toEqual(['pass', 'stage2']);
    const e = during.stageEntries[0] as Entry;
    expect([e.on, e.ruleIds, e.rules, e.inputs]).toEqual(['2026-03-01', ['P-ST-2'], ['stage2-significant-increase'], { 'observations.significantIncrease': true }]);
    const out = replay('significant-increase', '2026-05-20');
    expect(out.stages).toEqual(['2026-03-01 stage1→stage2', '2026-05-01 stage2→stage1']);
    expect(out.classes).toEqual([]);
  });

  it('credit-impaired evidence without arrears: stage3 and substandard the same day (2026-04-01); released the day it is withdrawn (2026-06-01)', () => {
    // Paid on time (02-15 … 05-15), never past due: cumulativeMissed 0, so the probation is the lender's
    // (decision 242) and the observation creditImpaired = false on 06-01 releases both that day.
    const during = replay('credit-impaired', '2026-05-20');
    expect([during.dpd, during.classification, during.stage]).toEqual([0, 'substandard', 'stage3']);
    expect(during.classes).toEqual(['2026-04-01 pass→substandard']);
    const e = during.stageEntries[0] as Entry;
    expect([e.on, e.from, e.to, e.ruleIds, e.rules]).toEqual(['2026-04-01', 'stage1', 'stage3', ['P-ST-5', 'P-ST-6'], ['stage3-credit-impaired', 'stage3-non-performing']]);
    const out = replay('credit-impaired', '2026-06-10');
    expect(out.stages).toEqual(['2026-04-01 stage1→stage3', '2026-06-01 stage3→stage1']);
    expect(out.classes).toEqual(['2026-04-01 pass→substandard', '2026-06-01 substandard→pass']);
    expect([out.dpd, out.outstanding['principal']]).toEqual([0, '8000.00']);
  });

  it('stage 3 ⇔ non-performing after every change of every scenario', () => {
    const asOf = '2026-09-01';
    for (const file of readdirSync(FIXTURES)) {
      const out = replay(file.replace(/\.json$/, ''), asOf);
      expect(stage3MatchesNonPerforming(out), file).toEqual([]);
    }
  });

  it('cn-default replays the same histories without a stage: no dimensions key, no dimensionChanged entry', () => {
    for (const file of readdirSync(FIXTURES)) {
      const out = replay(file.replace(/\.json$/, ''), '2026-09-01', null);
      expect(out.dimensions, file).toBeUndefined();
      expect(out.stages, file).toEqual([]);
    }
  });
});
