import { describe, expect, it } from 'vitest';
import { cnDefaultPack, cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { formatFindings } from '../../src/rules/formatFindings';
import { lintPack, validatePack, type PackFinding } from '../../src/rules/lint';

const DIR = 'rules/t/';

interface RuleJson {
  id: string;
  name: string;
  priority?: number;
  conditions: unknown;
  event: { type: string; params?: Record<string, unknown> };
}
interface Manifest {
  rules: string[];
  parameters: Record<string, unknown>;
  policy?: { ids: string[]; outsideRules?: Record<string, string> };
}
interface TaskKindsJson {
  kinds: Record<string, { description: string; closedBy: Record<string, unknown>[]; lateAllowed?: boolean }>;
}

/** A private, mutable copy of the cn-default files, patched by the test. */
function pack(patch: (files: Record<string, unknown>) => void = () => {}): Record<string, unknown> {
  const files = structuredClone(cnDefaultPackFiles) as Record<string, unknown>;
  patch(files);
  return files;
}
const manifest = (files: Record<string, unknown>): Manifest => files['pack.json'] as Manifest;
const taskKinds = (files: Record<string, unknown>): TaskKindsJson => files['task-kinds.json'] as TaskKindsJson;

/** The rule with this id, wherever it is. */
function rule(files: Record<string, unknown>, id: string): RuleJson {
  for (const name of manifest(files).rules) {
    const found = (files[name] as { rules: RuleJson[] }).rules.find((r) => r.id === id);
    if (found !== undefined) return found;
  }
  throw new Error(`no rule ${id}`);
}
/** The leaves of a rule's top-level `all`. */
const leaves = (files: Record<string, unknown>, id: string): Record<string, unknown>[] => (rule(files, id).conditions as { all: Record<string, unknown>[] }).all;

/** Adds `extra.json` with these rules to the pack. */
function withRules(files: Record<string, unknown>, ...rules: RuleJson[]): void {
  manifest(files).rules.push('extra.json');
  files['extra.json'] = { rules };
}
const aRule = (id: string, conditions: unknown, event: RuleJson['event'], extra: Partial<RuleJson> = {}): RuleJson => ({ id, name: 'P-LC-2', conditions, event, ...extra });
const bucket = (b: string): RuleJson['event'] => ({ type: 'bucket', params: { bucket: b } });
const dpd = (operator: string, value: unknown) => ({ fact: 'dpd', operator, value });

function findings(files: Record<string, unknown>): readonly PackFinding[] {
  return validatePack(files, { dir: DIR });
}
/** Findings other than policy coverage (cn-default's coverage changes as rules are added). */
function lintFindings(files: Record<string, unknown>): readonly PackFinding[] {
  return findings(files).filter((f) => !f.code.startsWith('lint.policy'));
}
const where = (fs: readonly PackFinding[]): string[] => fs.map((f) => `${f.severity} ${f.code} ${f.file ?? ''}: ${f.path}`);

describe('the cn-default pack', () => {
  const all = lintPack(cnDefaultPack());

  it('has no lint errors, and no warnings but policy coverage', () => {
    expect(all.filter((f) => f.severity === 'error')).toEqual([]);
    expect(all.filter((f) => f.code !== 'lint.policyNotCovered')).toEqual([]);
  });

  it('reports exactly the declared policy ids no rule encodes and outsideRules does not explain', () => {
    const p = cnDefaultPack();
    const policy = p.policy;
    if (policy === undefined) throw new Error('cn-default declares its policy');
    const encoded = new Set(p.rules.map((r) => r.policyId));
    const uncovered = policy.ids.filter((id) => !encoded.has(id) && !Object.prototype.hasOwnProperty.call(policy.outsideRules, id));
    const reported = all.filter((f) => f.code === 'lint.policyNotCovered');
    expect(reported.map((f) => f.message.split(' ')[2])).toEqual(uncovered);
    expect(reported.every((f) => f.file === 'rules/cn-default/pack.json' && /^policy\.ids\[\d+\]$/.test(f.path))).toBe(true);
    // Implemented by the engine or a library function, and said so.
    expect(uncovered.some((id) => ['P-CL-1', 'P-CL-4', 'P-CL-5', 'P-CL-8', 'P-CS-11', 'P-CT-2', 'P-CT-3', 'P-IN-6'].includes(id))).toBe(false);
  });

  it('declares every id of the policy document', () => {
    const ids = cnDefaultPack().policy?.ids ?? [];
    expect(ids).toHaveLength(61);
    expect(new Set(ids.map((id) => id.slice(0, 4)))).toEqual(new Set(['P-LC', 'P-CL', 'P-IN', 'P-NT', 'P-CS', 'P-EW', 'P-CO', 'P-PF', 'P-CT']));
  });
});

describe('DPD ranges of bucket rules (lint.dpdGap, lint.dpdOverlap)', () => {
  it('a gap between two buckets is an error naming the days', () => {
    const f = pack((files) => {
      (leaves(files, 'bucket-M2')[0] as Record<string, unknown>)['value'] = 33;
    });
    expect(formatFindings(lintFindings(f))).toMatchInlineSnapshot(`
      "✖ No bucket rule holds for DPD 31–32: a loan there keeps its previous bucket (lint.dpdGap)
        → at rules/t/buckets.json: rules
        hint: add a bucket rule for these days or widen a neighbouring range: every DPD needs exactly one bucket"
    `);
  });

  it('an overlap is a warning at the rule that loses, naming the one that decides', () => {
    const f = pack((files) => {
      (leaves(files, 'bucket-M2')[0] as Record<string, unknown>)['value'] = 29;
    });
    expect(formatFindings(lintFindings(f))).toMatchInlineSnapshot(`
      "⚠ DPD 29–30 is in the range of both "bucket-M1" (M1) and "bucket-M2" (M2); "bucket-M1" decides because it comes first in the pack (lint.dpdOverlap)
        → at rules/t/buckets.json: rules[2].conditions
        hint: make the DPD ranges of bucket rules meet without overlapping"
    `);
  });

  it('resolves { "param": … } values: a bucket bound on outsourceAtDpd leaves a gap when the parameter moves', () => {
    const f = pack((files) => {
      (leaves(files, 'bucket-M4')[0] as Record<string, unknown>)['value'] = { param: 'outsourceAtDpd' };
    });
    expect(lintFindings(f)).toEqual([]);
    manifest(f).parameters['outsourceAtDpd'] = 95;
    expect(lintFindings(f).map((x) => x.message)).toEqual(['No bucket rule holds for DPD 91–94: a loan there keeps its previous bucket']);
  });

  it('a bucket rule with other conditions does not close a gap, and is named', () => {
    const f = pack((files) => {
      leaves(files, 'bucket-M6plus').push({ fact: 'state', operator: 'equal', value: 'writtenOff' });
    });
    expect(where(lintFindings(f))).toEqual(['error lint.dpdGap rules/t/buckets.json: rules']);
    expect(lintFindings(f)[0]?.message).toBe('No bucket rule holds for DPD 181 and above (only "bucket-M6plus", with other conditions, may): a loan there keeps its previous bucket');
  });

  it('a pack without bucket rules is not checked for gaps', () => {
    const f = pack((files) => {
      manifest(files).rules = manifest(files).rules.filter((r) => r !== 'buckets.json');
    });
    expect(lintFindings(f).filter((x) => x.code === 'lint.dpdGap')).toEqual([]);
  });
});

describe('classification floors (lint.dpdGap)', () => {
  it('overlapping floors are the design (the worst wins): no finding', () => {
    expect(lintFindings(pack())).toEqual([]);
  });

  it('a floor that stops holding at a higher DPD, so the class would get better, is an error', () => {
    const f = pack((files) => {
      leaves(files, 'floor-doubtful').push(dpd('lessThanInclusive', 300));
    });
    expect(formatFindings(lintFindings(f))).toMatchInlineSnapshot(`
      "✖ The DPD floors get better as DPD grows: DPD 301–360 is floored at substandard, better than doubtful for DPD 271–300 (lint.dpdGap)
        → at rules/t/classification.json: rules
        hint: a loan must not improve by staying unpaid longer: let the doubtful floor hold above DPD 300 too (no upper bound), or add a floor for DPD 301–360"
    `);
  });
});

describe('rules that can never fire (lint.neverFires)', () => {
  it('contradictory DPD bounds, with the leaves that contradict', () => {
    const f = pack((files) => withRules(files, aRule('impossible', { all: [dpd('greaterThan', 90), { fact: 'state', operator: 'equal', value: 'normal' }, dpd('lessThan', 30)] }, { type: 'transition', params: { to: 'normal' } })));
    expect(formatFindings(lintFindings(f))).toMatchInlineSnapshot(`
      "✖ Rule "impossible" can never fire: all[0] (dpd greaterThan 90) and all[2] (dpd lessThan 30) cannot all hold (lint.neverFires)
        → at rules/t/extra.json: rules[0].conditions
        hint: fix the operator or value that is wrong; a rule that never fires decides nothing"
    `);
  });

  it('an enum fact equal to two different values', () => {
    const f = pack((files) =>
      withRules(files, aRule('two-states', { all: [{ fact: 'state', operator: 'equal', value: 'normal' }, { fact: 'state', operator: 'in', value: ['settled', 'writtenOff'] }] }, { type: 'transition', params: { to: 'normal' } })),
    );
    expect(lintFindings(f).map((x) => x.message)).toEqual(['Rule "two-states" can never fire: all[0] (state equal "normal") and all[1] (state in ["settled", "writtenOff"]) cannot all hold']);
  });

  it('money values are shown as written', () => {
    const f = pack((files) =>
      withRules(
        files,
        aRule('poor', { all: [{ fact: 'outstandingPrincipal', operator: 'lessThan', value: '100.00' }, { fact: 'outstandingPrincipal', operator: 'greaterThan', value: { param: 'keyModeBalance' } }] }, { type: 'managementMode', params: { mode: 'key' } }),
      ),
    );
    expect(lintFindings(f).map((x) => x.message)).toEqual([
      'Rule "poor" can never fire: all[0] (outstandingPrincipal lessThan "100.00") and all[1] (outstandingPrincipal greaterThan "5000000.00" from parameter "keyModeBalance") cannot all hold',
    ]);
  });

  it('a contradiction through "not" and "any" gets the general message', () => {
    const f = pack((files) => withRules(files, aRule('never', { all: [{ not: { any: [dpd('equal', 0), dpd('greaterThan', 0)] } }] }, { type: 'transition', params: { to: 'normal' } })));
    expect(where(lintFindings(f))).toEqual(['error lint.neverFires rules/t/extra.json: rules[0].conditions']);
    expect(lintFindings(f)[0]?.message).toBe('Rule "never" can never fire: no values of its facts satisfy its conditions');
  });

  it('a task rule waiting for an event value no event can have', () => {
    const f = pack((files) =>
      withRules(
        files,
        aRule(
          'call-answered',
          { all: [dpd('greaterThan', 0)] },
          { type: 'task', params: { kind: 'informationRepair', party: 'borrower', anchor: 'event', event: 'contactAttempt', match: { outcome: 'answered' }, due: { days: 1 } } },
        ),
      ),
    );
    expect(where(lintFindings(f))).toEqual(['error lint.neverFires rules/t/extra.json: rules[0].event.params.match.outcome']);
    expect(lintFindings(f)[0]?.message).toMatch(/^Rule "call-answered" waits for "contactAttempt" events whose "outcome" never matches "answered": .*"reached"/);
  });
});

describe('shadowed first-match rules (lint.shadowed)', () => {
  it('a bucket rule inside the range of a rule ranked above it', () => {
    const f = pack((files) => withRules(files, aRule('early-m1', { all: [dpd('greaterThanInclusive', 1), dpd('lessThanInclusive', 10)] }, bucket('M1'))));
    expect(formatFindings(lintFindings(f))).toMatchInlineSnapshot(`
      "⚠ Rule "early-m1" never decides the bucket: whenever it holds, rule "bucket-M1" also holds and comes first in the pack (lint.shadowed)
        → at rules/t/extra.json: rules[0]
        hint: remove it, narrow the rule that wins, or give this rule a higher priority if it should win"
    `);
  });

  it('a rule covered by two rules together', () => {
    const f = pack((files) => withRules(files, aRule('month-end', { all: [dpd('greaterThanInclusive', 25), dpd('lessThanInclusive', 35)] }, bucket('M2'))));
    expect(lintFindings(f).map((x) => x.message)).toEqual([
      'Rule "month-end" never decides the bucket: whenever it holds, rules "bucket-M1" and "bucket-M2" also hold and come first in the pack',
    ]);
  });

  it('with a higher priority the same rule decides, and overlaps instead', () => {
    const f = pack((files) => withRules(files, aRule('early-m1', { all: [dpd('greaterThanInclusive', 1), dpd('lessThanInclusive', 10)] }, bucket('M1'), { priority: 5 })));
    expect(lintFindings(f)).toEqual([]);
    const g = pack((files) => withRules(files, aRule('early-m2', { all: [dpd('greaterThanInclusive', 1), dpd('lessThanInclusive', 10)] }, bucket('M2'), { priority: 5 })));
    expect(where(lintFindings(g))).toEqual(['warning lint.dpdOverlap rules/t/buckets.json: rules[1].conditions']);
  });

  it('a risk rule implied by a higher-priority one, across facts', () => {
    const f = pack((files) =>
      withRules(files, {
        id: 'risk-very-late',
        name: 'P-EW-2',
        priority: 5,
        conditions: { all: [dpd('greaterThan', 120), { fact: 'borrowerKind', operator: 'equal', value: 'corporate' }] },
        event: { type: 'riskLevel', params: { level: 'medium' } },
      }),
    );
    expect(lintFindings(f).map((x) => x.message)).toEqual(['Rule "risk-very-late" never decides the risk level: whenever it holds, rule "risk-high" also holds and has a higher priority']);
  });
});

describe('parameters (lint.unusedParameter)', () => {
  it('a parameter no rule reads; engine and portfolio parameters are not reported', () => {
    const f = pack((files) => {
      manifest(files).parameters['graceDays'] = 3;
    });
    expect(formatFindings(lintFindings(f))).toMatchInlineSnapshot(`
      "⚠ Parameter "graceDays" is read by no rule and not by the engine (lint.unusedParameter)
        → at rules/t/pack.json: parameters.graceDays
        hint: remove it, or read it in a rule with { "param": "graceDays" }"
    `);
  });

  it('an unknown parameter stays a load error', () => {
    const f = pack((files) => {
      (leaves(files, 'bucket-M2')[0] as Record<string, unknown>)['value'] = { param: 'm2Start' };
    });
    expect(where(findings(f))).toEqual(['error pack.unknownParam rules/t/buckets.json: rules[2].conditions.all[0].value.param']);
  });
});

describe('task kinds (lint.unusedTaskKind, lint.unclosableTaskKind, lint.deadClosingEvent)', () => {
  it('a kind no rule raises', () => {
    const f = pack((files) => {
      taskKinds(files).kinds['courtesyCall'] = { description: 'A call', closedBy: [{ event: 'contactAttempt' }] };
    });
    expect(where(lintFindings(f))).toEqual(['warning lint.unusedTaskKind rules/t/task-kinds.json: kinds.courtesyCall']);
  });

  it('a kind whose only way of closing names a field the event does not have', () => {
    const f = pack((files) => {
      const kind = taskKinds(files).kinds['disbursementCallback'];
      if (kind === undefined) throw new Error('no kind');
      kind.closedBy = [{ event: 'inspection', match: { knd: 'callback' } }];
    });
    expect(formatFindings(lintFindings(f))).toMatchInlineSnapshot(`
      "✖ Tasks of kind "disbursementCallback" for borrower can never be done, so every one of them will be breached: closedBy[0]: the "knd" of "inspection" events never matches "callback": Unknown key "knd" (lint.unclosableTaskKind)
        → at rules/t/task-kinds.json: kinds.disbursementCallback.closedBy
        hint: fix "closedBy": name an event field that exists, with a value that event accepts"
    `);
  });

  it('a guarantor task closed by an event field that cannot name a guarantor', () => {
    const f = pack((files) => {
      const kind = taskKinds(files).kinds['guarantorMaturityNotice'];
      if (kind === undefined) throw new Error('no kind');
      kind.closedBy = kind.closedBy.map((c) => ({ ...c, sameParty: 'collateralId' }));
    });
    expect(where(lintFindings(f))).toEqual(['error lint.unclosableTaskKind rules/t/task-kinds.json: kinds.guarantorMaturityNotice.closedBy']);
    expect(lintFindings(f)[0]?.message).toContain('"noticeSent" events have no field "collateralId" to name the party, so they can do the task of the borrower only, not of eachGuarantor');
  });

  it('one dead way of closing among good ones is a warning', () => {
    const f = pack((files) => {
      taskKinds(files).kinds['disbursementCallback']?.closedBy.push({ event: 'fieldVisit', match: { found: 'yes' } });
    });
    expect(where(lintFindings(f))).toEqual(['warning lint.deadClosingEvent rules/t/task-kinds.json: kinds.disbursementCallback.closedBy[1]']);
    expect(lintFindings(f)[0]?.message).toBe('closedBy[1] of task kind "disbursementCallback" never does a task: the "found" of "fieldVisit" events never matches "yes": Invalid input: expected boolean, received string');
  });

  it('a rule raising a kind the pack does not define stays a load error', () => {
    const f = pack((files) =>
      withRules(files, aRule('x', { all: [dpd('greaterThan', 0)] }, { type: 'task', params: { kind: 'noSuchKind', party: 'borrower', anchor: 'conditionStart', due: { days: 1 } } })),
    );
    expect(where(findings(f))).toEqual(['error pack.unknownTaskKind rules/t/extra.json: rules[0].event.params.kind']);
  });
});

describe('policy coverage (lint.policyNotCovered, lint.policyUndeclared)', () => {
  const policyFindings = (files: Record<string, unknown>): readonly PackFinding[] => findings(files).filter((f) => f.code.startsWith('lint.policy'));

  it('no "policy" in pack.json: coverage is not checked', () => {
    const f = pack((files) => {
      delete manifest(files).policy;
    });
    expect(policyFindings(f)).toEqual([]);
  });

  it('a declared id nothing covers, a rule id not declared, an explanation for an id not declared', () => {
    const f = pack((files) => {
      const m = manifest(files);
      m.policy = { ids: ['P-LC-1', 'P-LC-2', 'P-LC-9'], outsideRules: { 'P-LC-1': 'engine', 'P-XY-1': 'somewhere' } };
      m.rules = ['buckets.json', 'lifecycle.json', 'lifecycle-tasks.json'];
    });
    expect(formatFindings(policyFindings(f))).toMatchInlineSnapshot(`
      "⚠ Policy rule P-LC-9 is listed in policy.ids, but no rule encodes it ("name": "P-LC-9") and policy.outsideRules does not say where it is implemented (lint.policyNotCovered)
        → at rules/t/pack.json: policy.ids[2]
        hint: add a rule with "name": "P-LC-9", or, if code implements it, say where under policy.outsideRules
      ⚠ policy.outsideRules explains P-XY-1, which policy.ids does not list (lint.policyUndeclared)
        → at rules/t/pack.json: policy.outsideRules["P-XY-1"]
        hint: add "P-XY-1" to policy.ids, or remove this entry
      ⚠ Rule "settle-when-fully-repaid" (and 1 more) encodes P-LC-8, which policy.ids does not list (lint.policyUndeclared)
        → at rules/t/lifecycle.json: rules[0].name
        hint: add "P-LC-8" to policy.ids in pack.json, or fix the rule's "name"
      ⚠ Rule "cure-to-normal" encodes P-LC-3, which policy.ids does not list (lint.policyUndeclared)
        → at rules/t/lifecycle.json: rules[1].name
        hint: add "P-LC-3" to policy.ids in pack.json, or fix the rule's "name"
      ⚠ Rule "outsource-at-threshold" (and 1 more) encodes P-LC-4, which policy.ids does not list (lint.policyUndeclared)
        → at rules/t/lifecycle.json: rules[2].name
        hint: add "P-LC-4" to policy.ids in pack.json, or fix the rule's "name""
    `);
  });

  it('an id listed twice is a load error at the second', () => {
    const f = pack((files) => {
      manifest(files).policy?.ids.push('P-LC-1');
    });
    expect(where(findings(f))).toEqual(['error input.invalid rules/t/pack.json: policy.ids[61]']);
    expect(findings(f)[0]?.message).toBe('P-LC-1 is already listed at ids[0]');
  });
});

describe('facts that force daily evaluation (lint.dailyFact)', () => {
  it('a rule on a fact that accrues daily', () => {
    const f = pack((files) => withRules(files, aRule('owes', { all: [{ fact: 'overdueTotal', operator: 'greaterThan', value: '0.00' }] }, { type: 'riskLevel', params: { level: 'medium' } }, { name: 'P-EW-2' })));
    expect(formatFindings(lintFindings(f))).toMatchInlineSnapshot(`
      "⚠ Rule "owes" reads "overdueTotal", which changes every day: while the rule can hold, the engine must look at the loan every day instead of only on events and computed dates (lint.dailyFact)
        → at rules/t/extra.json: rules[0].conditions.all[0]
        hint: compare a fact that changes only on events or due dates (e.g. "overduePrincipal" rather than "overdueTotal"), or accept the slower replay"
    `);
  });

  it('two counting facts compared with each other', () => {
    const f = pack((files) => withRules(files, aRule('late-in-state', { all: [{ fact: 'dpd', operator: 'greaterThan', value: { fact: 'daysInState' } }] }, { type: 'riskLevel', params: { level: 'medium' } }, { name: 'P-EW-2' })));
    expect(where(lintFindings(f))).toEqual(['warning lint.dailyFact rules/t/extra.json: rules[0].conditions.all[0]']);
  });
});

describe('validatePack', () => {
  it('a pack that does not load: its load errors, as errors, and no lint', () => {
    const f = pack((files) => {
      (leaves(files, 'bucket-M0')[0] as Record<string, unknown>)['fact'] = 'dpdd';
      manifest(files).parameters['graceDays'] = 3;
    });
    expect(findings(f)).toEqual([
      { severity: 'error', code: 'pack.unknownFact', file: 'rules/t/buckets.json', path: 'rules[0].conditions.all[0].fact', message: 'Unknown fact "dpdd"', hint: 'did you mean "dpd"?' },
    ]);
  });

  it('orders findings by file in pack order, then by path', () => {
    const f = pack((files) => {
      manifest(files).parameters['graceDays'] = 3;
      (leaves(files, 'bucket-M2')[0] as Record<string, unknown>)['value'] = 29;
      (leaves(files, 'bucket-M6plus')[0] as Record<string, unknown>)['value'] = 190;
      withRules(files, aRule('early-m1', { all: [dpd('greaterThanInclusive', 1), dpd('lessThanInclusive', 10)] }, bucket('M1')));
    });
    expect(where(lintFindings(f))).toEqual([
      'warning lint.unusedParameter rules/t/pack.json: parameters.graceDays',
      'error lint.dpdGap rules/t/buckets.json: rules',
      'warning lint.dpdOverlap rules/t/buckets.json: rules[2].conditions',
      'warning lint.shadowed rules/t/extra.json: rules[0]',
    ]);
  });
});
