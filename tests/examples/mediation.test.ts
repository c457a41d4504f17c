import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/main';
import type { ReplayOutput } from '../../src/engine/output';
import { replay } from '../../src/engine/replay';
import { parseHistory } from '../../src/history/parseHistory';
import { loadPackDir } from '../../src/node/index';
import { day } from '../../src/time/day';
import { hasRole } from '../../src/workflow/statechart';
import { runCli } from '../cli/run';
import { runWithEnv } from '../cli/envRun';

/**
 * The `mediation` state of examples/extending/dealer-pack: a pack change only (statechart.json and
 * mediation.json), no code in src/ names it. The dates are worked out by hand below.
 */
const operators = { startsWith: (f: unknown, v: unknown) => typeof f === 'string' && typeof v === 'string' && f.startsWith(v) };
const PACK_DIR = 'examples/extending/dealer-pack';

function mediated(asOf: string): ReplayOutput {
  const pack = loadPackDir(PACK_DIR, { operators });
  if (!pack.ok) throw new Error(JSON.stringify(pack.issues));
  const file = 'examples/extending/mediation-loan.json';
  const history = parseHistory(readFileSync(file, 'utf8'), file);
  if (!history.ok) throw new Error(JSON.stringify(history.issues));
  return replay(history.value, pack.value, { asOf: day(asOf) });
}

const moves = (out: ReplayOutput) => out.timeline.flatMap((e) => (e.kind === 'stateChanged' ? [{ on: e.on, from: e.from, to: e.to, rules: e.rules, eventId: e.eventId }] : []));

describe('examples/extending: a mediation state added by the pack', () => {
  it('builds the statechart from the pack: mediation is a state with the role external, between outsourced and litigation', () => {
    const pack = loadPackDir(PACK_DIR, { operators });
    expect(pack.ok).toBe(true);
    if (!pack.ok) return;
    const chart = pack.value.statechart;
    expect(chart.states).toContain('mediation');
    expect(hasRole(pack.value, 'mediation', 'external')).toBe(true);
    expect(chart.next('outsourced', { type: 'DECIDE', to: 'mediation' })).toBe('mediation');
    expect(chart.next('mediation', { type: 'LAWSUIT_FILED' })).toBe('litigation');
    // cn-default's own moves are kept.
    expect(chart.next('overdueM2M3', { type: 'DECIDE', to: 'outsourced' })).toBe('outsourced');
    expect(chart.next('normal', { type: 'DECIDE', to: 'mediation' })).toBeNull();
  });

  it('replays a loan outsourced → mediation → litigation on the hand-checked dates', () => {
    // Disbursed 2025-01-15, nothing ever paid; the first instalment is due 2025-02-15, so DPD is 1 on
    // 02-16, 31 on 03-18 (02-15 + 28 days is 03-15, + 3), 91 on 05-17 (03-15 + 31 + 30 = 05-15, + 2):
    // outsourced at outsourceAtDpd 91. The agency reports a mediation agreement on 06-10 (observation
    // o1): mediation. 30 days later (mediationDays), 07-10, the arrears are still unpaid: a litigation
    // review, due 10 working days later (07-11 … 07-24, weekends skipped). The lawsuit of 07-21 (l1)
    // moves the loan to litigation.
    const out = mediated('2025-08-01');
    expect(moves(out)).toEqual([
      { on: '2025-02-16', from: 'normal', to: 'overdueM1', rules: ['enter-m1'], eventId: undefined },
      { on: '2025-03-18', from: 'overdueM1', to: 'overdueM2M3', rules: ['enter-m2m3'], eventId: undefined },
      { on: '2025-05-17', from: 'overdueM2M3', to: 'outsourced', rules: ['outsource-at-threshold'], eventId: undefined },
      { on: '2025-06-10', from: 'outsourced', to: 'mediation', rules: ['enter-mediation'], eventId: undefined },
      { on: '2025-07-21', from: 'mediation', to: 'litigation', rules: undefined, eventId: 'l1' },
    ]);
    const review = out.timeline.find((e) => e.kind === 'taskOpened' && e.rules?.[0] === 'mediation-failed-review');
    expect(review).toMatchObject({ on: '2025-07-10', taskKind: 'legalReview', party: 'loanOfficer', dueOn: '2025-07-24', ruleIds: ['P-LC-6'] });
    // Mediation plays the role external: the agency keeps the case; litigation (legal) too.
    expect(out.timeline.some((e) => e.kind === 'agencyRecalled')).toBe(false);
    expect(out).toMatchObject({ state: 'litigation', dpd: 167 });
  });

  it('stays in mediation before mediationDays, with no review yet', () => {
    const out = mediated('2025-07-09');
    expect(out.state).toBe('mediation');
    expect(out.timeline.some((e) => e.kind === 'taskOpened' && e.rules?.[0] === 'mediation-failed-review')).toBe(false);
  });

  it('the diagram of the pack shows the mediation state and its moves', () => {
    const { code, stdout, stderr } = runCli('diagram', '--pack', PACK_DIR);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('%% dealerLifecycle 1.0.0');
    expect(stdout).toContain('  outsourced --> mediation : DECIDE [decidedTo(to=mediation)]');
    expect(stdout).toContain('  mediation --> litigation : LAWSUIT_FILED');
    const zh = runWithEnv({}, 'diagram', '--pack', PACK_DIR, '--lang', 'zh-CN');
    expect(zh.code).toBe(EXIT.ok);
    expect(zh.stdout).toContain('state "调解" as mediation');
  });

  it('validates: every state reachable, every role the engine needs present', () => {
    const { code, stdout } = runCli('validate', PACK_DIR);
    expect(stdout).not.toContain('✖');
    expect(code).toBe(EXIT.ok);
  });
});
