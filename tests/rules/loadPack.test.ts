import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/errors/formatIssues';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack, type CompiledPack, type PackFiles } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';

const DIR = 'rules/my-pack/';

interface RuleJson {
  id: string;
  name: string;
  priority?: number;
  conditions: unknown;
  event: { type: string; params?: Record<string, unknown> };
}
interface RuleFileJson {
  $schema?: string;
  description?: string;
  rules: RuleJson[];
}
interface ManifestJson {
  $schema?: string;
  version: string;
  effectiveFrom: string;
  effectiveTo?: string;
  timeZone: string;
  calendar: 'cn' | { file: string };
  calendarFallback?: string;
  rules: string[];
  parameters: Record<string, unknown>;
}
interface DefaultFiles {
  'pack.json': ManifestJson;
  'lifecycle.json': RuleFileJson;
  'buckets.json': RuleFileJson;
  'classification.json': RuleFileJson;
  [file: string]: unknown;
}

/** A private, mutable copy of the built-in pack's files. */
const defaultFiles = (): DefaultFiles => structuredClone(cnDefaultPackFiles) as DefaultFiles;

function rule(files: DefaultFiles, file: 'lifecycle.json' | 'buckets.json' | 'classification.json', index: number): RuleJson {
  const r = files[file].rules[index];
  if (r === undefined) throw new Error(`no rule ${file} rules[${index}]`);
  return r;
}

/** The leaf `conditions.all[leaf]` of a rule, to mutate in place. */
function leaf(files: DefaultFiles, file: 'lifecycle.json' | 'buckets.json' | 'classification.json', index: number, at: number): Record<string, unknown> {
  const all = (rule(files, file, index).conditions as { all: Record<string, unknown>[] }).all;
  const l = all[at];
  if (l === undefined) throw new Error(`no leaf ${at}`);
  return l;
}

/** Default files plus one extra rule file `extra.json` holding `rules`. */
function withExtraRules(...rules: RuleJson[]): DefaultFiles {
  const f = defaultFiles();
  f['pack.json'].rules.push('extra.json');
  f['extra.json'] = { rules };
  return f;
}

const aRule = (conditions: unknown, event: RuleJson['event'] = { type: 'transition', params: { to: 'overdueM1' } }): RuleJson => ({
  id: 'extra-rule',
  name: 'P-LC-1',
  conditions,
  event,
});

function load(files: PackFiles): CompiledPack {
  const r = loadPack(files, { dir: DIR });
  if (!r.ok) throw new Error(`expected the pack to load:\n${formatIssues(r.issues)}`);
  return r.value;
}

function problems(files: PackFiles): string {
  const r = loadPack(files, { dir: DIR });
  if (r.ok) throw new Error('expected the pack to be refused');
  return formatIssues(r.issues);
}

function where(files: PackFiles): string[] {
  const r = loadPack(files, { dir: DIR });
  if (r.ok) throw new Error('expected the pack to be refused');
  return r.issues.map((i) => `${i.code} ${i.file ?? ''}: ${i.path}`);
}

describe('the default pack', () => {
  const pack = load(cnDefaultPackFiles);

  it('loads with its identity and engine parameters', () => {
    expect(pack.id).toBe('cn-default');
    expect(pack.version).toBe('1.0.0');
    expect(pack.timeZone).toBe('Asia/Shanghai');
    expect(pack.effectiveFrom).toBe(day('2020-01-01'));
    expect(pack.effectiveTo).toBeUndefined();
    expect(pack.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pack.allocationOrder).toEqual(['penalty', 'interest', 'principal']);
    expect(Object.fromEntries(Object.entries(pack.provisionRates).map(([k, r]) => [k, r.text]))).toEqual({
      pass: '0.015',
      specialMention: '0.03',
      substandard: '0.30',
      doubtful: '0.60',
      loss: '1.00',
    });
    expect(pack.calendar.id).toBe('cn');
  });

  it('has 5 transition, 8 bucket, 9 classification-floor, 2 risk-level, 2 management-mode, 4 segment, 3 permit and 58 task rules', () => {
    expect(pack.rules).toHaveLength(91);
    expect(Object.fromEntries(Object.entries(pack.rulesByType).map(([t, rs]) => [t, rs.length]))).toEqual({
      bucket: 8,
      classificationFloor: 9,
      transition: 5,
      managementMode: 2,
      riskLevel: 2,
      segment: 4,
      permit: 3,
      task: 58,
      floor: 0,
    });
    expect(pack.rulesByType.transition.map((r) => r.id)).toEqual(['settle-when-fully-repaid', 'cure-to-normal', 'outsource-at-threshold', 'enter-m2m3', 'enter-m1']);
    expect(pack.rulesByType.bucket.map((r) => r.decision)).toEqual(
      ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+'].map((bucket) => ({ type: 'bucket', bucket })),
    );
  });

  it('sorts rules by priority, then by file order', () => {
    const priorities = pack.rules.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(pack.rules[0]?.id).toBe('settle-when-fully-repaid');
  });

  it('wakes a loan at every DPD where some rule can change its mind', () => {
    // lifecycle: = 0 → 1; ≥ 1 → 1; ≤ 30 → 31; ≥ 31 → 31; < 91 and ≥ 91 → 91.
    // buckets: each upper bound + 1 and each lower bound. classification: > 90, > 270, > 360.
    // collection: dpd ≤ 3 (the M1 calls of T+1..T+3) and dpd > 3 (daily calls) → 4.
    expect(pack.thresholds.dpd).toEqual([1, 4, 31, 61, 91, 121, 151, 181, 271, 361]);
    expect(pack.thresholds.sinceDisbursement).toEqual([]);
  });

  it('the outsourcing threshold is a parameter: changing it moves the wake date', () => {
    const f = defaultFiles();
    f['pack.json'].parameters['outsourceAtDpd'] = 100;
    const p = load(f);
    expect(p.thresholds.dpd).toEqual([1, 4, 31, 61, 91, 100, 121, 151, 181, 271, 361]);
    const outsource = p.rules.find((r) => r.id === 'outsource-at-threshold');
    expect(outsource?.conditions).toMatchObject({ kind: 'all', items: [{ fact: 'dpd', value: { kind: 'const', value: 100, param: 'outsourceAtDpd' } }, {}] });
  });

  it('loads the same from JSON text as from parsed objects', () => {
    const text = Object.fromEntries(Object.entries(cnDefaultPackFiles).map(([name, v]) => [name, JSON.stringify(v, null, 2)]));
    expect(load(text).hash).toBe(pack.hash);
  });
});

describe('conditions: facts, operators, values', () => {
  it('an unknown operator, with the nearest valid one', () => {
    const f = defaultFiles();
    leaf(f, 'classification.json', 1, 0)['operator'] = 'greaterThen';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown operator "greaterThen"
        → at rules/my-pack/classification.json: rules[1].conditions.all[0].operator
        hint: did you mean "greaterThan"?"
    `);
  });

  it('an unknown operator decorator, with the nearest valid one', () => {
    const f = withExtraRules(aRule({ all: [{ fact: 'dpd', operator: 'sameValue:equal', value: [1, 2] }] }));
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown operator decorator "sameValue"
        → at rules/my-pack/extra.json: rules[0].conditions.all[0].operator
        hint: did you mean "someValue"?"
    `);
  });

  it('a decorator that needs a list fact, on a single-value fact', () => {
    const f = withExtraRules(aRule({ all: [{ fact: 'dpd', operator: 'someFact:equal', value: 1 }] }));
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ The decorator "someFact" needs a list fact; "dpd" is a single value
        → at rules/my-pack/extra.json: rules[0].conditions.all[0].operator
        hint: use "not:", "someValue:" or "everyValue:" instead"
    `);
  });

  it('an unknown fact, with the nearest valid one', () => {
    const f = defaultFiles();
    leaf(f, 'buckets.json', 0, 0)['fact'] = 'dpdd';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown fact "dpdd"
        → at rules/my-pack/buckets.json: rules[0].conditions.all[0].fact
        hint: did you mean "dpd"?"
    `);
  });

  it('an unknown fact far from every name lists the valid ones', () => {
    const f = defaultFiles();
    leaf(f, 'buckets.json', 0, 0)['fact'] = 'loanToValueRatio';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown fact "loanToValueRatio"
        → at rules/my-pack/buckets.json: rules[0].conditions.all[0].fact
        hint: valid values: "dpd", "daysSinceDisbursement", "state", "classification", "daysInState", "riskLevel", "managementMode", "borrowerUnreachableDays", "daysSinceCure", "materialPastDue", "materialDpd", "daysWithoutMaterialArrears", "daysSinceRestructuring", "daysWithoutMaterialEvent", "onTimeSinceCure", "collateralCoverage", "failedVisits", "agencyAssigned", "guarantorCount", "collateralCount", "overduePrincipal", "overdueInterest", "overduePenalty", "overdueTotal", "outstandingPrincipal", "outstandingTotal", "consecutiveMissed", "cumulativeMissed", "fullyRepaid", "repayment", …"
    `);
  });

  it('an unknown parameter, with the nearest defined one', () => {
    const f = defaultFiles();
    leaf(f, 'lifecycle.json', 2, 0)['value'] = { param: 'outsourceAtDpdd' };
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown parameter "outsourceAtDpdd"
        → at rules/my-pack/lifecycle.json: rules[2].conditions.all[0].value.param
        hint: did you mean "outsourceAtDpd"? If not, define "outsourceAtDpdd" under "parameters" in pack.json"
    `);
  });

  it('a parameter of the wrong type for the fact it is compared with, at every rule that reads it', () => {
    const f = defaultFiles();
    f['pack.json'].parameters['outsourceAtDpd'] = '91';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Parameter "outsourceAtDpd" is "91", but rules compare it with fact "dpd", which needs a whole number
        → at rules/my-pack/pack.json: parameters.outsourceAtDpd
        hint: write 91 without quotes"
    `);
  });

  it('a money literal written as a JSON number, with the string to write instead', () => {
    const f = withExtraRules(aRule({ all: [{ fact: 'outstandingPrincipal', operator: 'greaterThanInclusive', value: 50000 }] }));
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Fact "outstandingPrincipal" is money; a JSON number loses fen
        → at rules/my-pack/extra.json: rules[0].conditions.all[0].value
        hint: write the amount as a string with 2 decimals, e.g. "50000.00""
    `);
  });

  it('a money literal with fen written as a JSON number keeps the fen in the hint', () => {
    const f = withExtraRules(aRule({ all: [{ fact: 'overdueTotal', operator: 'greaterThan', value: 1234.5 }] }));
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Fact "overdueTotal" is money; a JSON number loses fen
        → at rules/my-pack/extra.json: rules[0].conditions.all[0].value
        hint: write the amount as a string with 2 decimals, e.g. "1234.50""
    `);
  });

  it('a money literal as a string is converted to fen', () => {
    const f = withExtraRules(aRule({ all: [{ fact: 'outstandingPrincipal', operator: 'greaterThanInclusive', value: '50000.00' }] }));
    const extra = load(f).rules.find((r) => r.id === 'extra-rule');
    expect(extra?.conditions).toEqual({
      kind: 'all',
      items: [{ kind: 'leaf', fact: 'outstandingPrincipal', operator: 'greaterThanInclusive', value: { kind: 'const', value: 5_000_000 } }],
    });
  });

  it('an enum value typo inside an "in" list, at the list item', () => {
    const f = defaultFiles();
    leaf(f, 'lifecycle.json', 1, 1)['value'] = ['overdueM1x', 'overdueM2M3', 'outsourced'];
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Fact "state" has no value "overdueM1x"
        → at rules/my-pack/lifecycle.json: rules[1].conditions.all[1].value[0]
        hint: did you mean "overdueM1"?"
    `);
  });

  it('an order operator on an enum fact', () => {
    const f = withExtraRules(aRule({ all: [{ fact: 'state', operator: 'greaterThan', value: 'normal' }] }));
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ "greaterThan" compares numbers; fact "state" is one of a list of names
        → at rules/my-pack/extra.json: rules[0].conditions.all[0].operator
        hint: use "equal", "notEqual", "in" or "notIn""
    `);
  });

  it('an empty "all" at the root and an empty "any" inside', () => {
    const f = withExtraRules(
      aRule({ all: [] }),
      { ...aRule({ all: [{ fact: 'dpd', operator: 'equal', value: 1 }, { any: [] }] }), id: 'extra-rule-2' },
    );
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ An empty "all" checks nothing, so the rule would fire for every loan
        → at rules/my-pack/extra.json: rules[0].conditions.all
        hint: add the conditions the rule needs, or remove the rule
      ✖ An empty "any" checks nothing, so the rule would fire for every loan
        → at rules/my-pack/extra.json: rules[1].conditions.all[1].any
        hint: list the alternatives inside "any", or remove the rule"
    `);
    expect(where(f)).toEqual([
      'pack.emptyGroup rules/my-pack/extra.json: rules[0].conditions.all',
      'pack.emptyGroup rules/my-pack/extra.json: rules[1].conditions.all[1].any',
    ]);
  });

  it('conditions without "all", "any" or "not" at the root', () => {
    const f = defaultFiles();
    rule(f, 'buckets.json', 0).conditions = { fact: 'dpd', operator: 'equal', value: 0 };
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ A rule's conditions must start with "all", "any" or "not"
        → at rules/my-pack/buckets.json: rules[0].conditions
        hint: wrap the condition: "conditions": { "all": [ { … } ] }"
    `);
  });

  it('a "path" on a fact', () => {
    const f = withExtraRules(aRule({ all: [{ fact: 'dpd', operator: 'greaterThan', value: 30, path: '$.days' }] }));
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Fact "dpd" is a single value; it has no "path" to follow
        → at rules/my-pack/extra.json: rules[0].conditions.all[0].path
        hint: remove "path""
    `);
  });

  it('conditions nested 16 levels deep load; 17 levels are refused at the too-deep node', () => {
    const nest = (levels: number): unknown => {
      let node: unknown = { fact: 'dpd', operator: 'greaterThan', value: 30 };
      for (let i = 0; i < levels; i++) node = { all: [node] };
      return node;
    };
    expect(load(withExtraRules(aRule(nest(16)))).rules).toHaveLength(92);
    const f = withExtraRules(aRule(nest(17)));
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Conditions are nested more than 16 levels deep
        → at rules/my-pack/extra.json: rules[0].conditions.all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0].all[0]
        hint: flatten the conditions; split the rule in two if needed"
    `);
  });
});

describe('rule events and ids', () => {
  it('an unknown decision type, with the nearest valid one', () => {
    const f = defaultFiles();
    rule(f, 'lifecycle.json', 0).event.type = 'transiton';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown decision type "transiton"
        → at rules/my-pack/lifecycle.json: rules[0].event.type
        hint: did you mean "transition"?"
    `);
  });

  it('a transition to a state the lifecycle does not have', () => {
    const f = defaultFiles();
    rule(f, 'lifecycle.json', 2).event.params = { to: 'outsource' };
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown state "outsource"
        → at rules/my-pack/lifecycle.json: rules[2].event.params.to
        hint: did you mean "outsourced"?"
    `);
  });

  it('duplicate rule ids across two files name the first use', () => {
    const f = defaultFiles();
    rule(f, 'classification.json', 3).id = 'bucket-M6plus';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Rule id "bucket-M6plus" is already used in rules/my-pack/buckets.json rules[7]
        → at rules/my-pack/classification.json: rules[3].id
        hint: give every rule of the pack its own id"
    `);
  });
});

describe('files', () => {
  it('a rule file listed in pack.json but missing', () => {
    const f = defaultFiles();
    f['pack.json'].rules.push('no-such-rules.json');
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ The pack has no file "no-such-rules.json"
        → at rules/my-pack/pack.json: rules[10]
        hint: create rules/my-pack/no-such-rules.json or remove it from the list"
    `);
  });

  it('invalid JSON text in a rule file, with line and column', () => {
    const f = defaultFiles();
    f['buckets.json'] = '{\n  "rules": [\n    { "id": "bucket-M0", "name": "P-LC-2" "priority": 1 }\n  ]\n}\n' as unknown as RuleFileJson;
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ The file is not valid JSON (line 3, column 43): Expected ',' or '}' after property value
        → at rules/my-pack/buckets.json
        hint: check for a missing comma, quote or bracket near that place"
    `);
  });

  it('a "__proto__" key in a rule file given as text', () => {
    const f = defaultFiles();
    const text = JSON.stringify(f['lifecycle.json']).replace('"id":"cure-to-normal"', '"__proto__":{"polluted":true},"id":"cure-to-normal"');
    f['lifecycle.json'] = text as unknown as RuleFileJson;
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ The key "__proto__" is not allowed
        → at rules/my-pack/lifecycle.json: rules[1].__proto__
        hint: remove it: keys named __proto__, constructor or prototype are refused to prevent prototype pollution"
    `);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('an unknown key in a rule gets the unknown-key hint', () => {
    const f = defaultFiles();
    (rule(f, 'buckets.json', 0) as unknown as Record<string, unknown>)['priorty'] = 5;
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown key "priorty"
        → at rules/my-pack/buckets.json: rules[0].priorty
        hint: did you mean "priority"?"
    `);
  });
});

describe('pack.json', () => {
  it('a version that is not semver', () => {
    const f = defaultFiles();
    f['pack.json'].version = '1.0';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ A version must be three numbers separated by dots, e.g. "1.0.0" (semantic versioning)
        → at rules/my-pack/pack.json: version"
    `);
  });

  it('an unknown time zone', () => {
    const f = defaultFiles();
    f['pack.json'].timeZone = 'Asia/Shanghia';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown time zone "Asia/Shanghia"
        → at rules/my-pack/pack.json: timeZone
        hint: did you mean "Asia/Shanghai"?"
    `);
  });

  it('effectiveTo before effectiveFrom', () => {
    const f = defaultFiles();
    f['pack.json'].effectiveTo = '2019-12-31';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ effectiveTo is before effectiveFrom
        → at rules/my-pack/pack.json: effectiveTo
        hint: swap the dates or remove effectiveTo"
    `);
  });

  it('effectiveTo on the same day as effectiveFrom is allowed', () => {
    const f = defaultFiles();
    f['pack.json'].effectiveTo = '2020-01-01';
    expect(load(f).effectiveTo).toBe(day('2020-01-01'));
  });

  it('an impossible effectiveFrom date', () => {
    const f = defaultFiles();
    f['pack.json'].effectiveFrom = '2020-02-30';
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ "2020-02-30" is not a calendar date
        → at rules/my-pack/pack.json: effectiveFrom
        hint: use a real date, YYYY-MM-DD"
    `);
  });

  it('the engine parameter allocationOrder missing', () => {
    const f = defaultFiles();
    delete f['pack.json'].parameters['allocationOrder'];
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ The parameter "allocationOrder" is missing: Order in which a payment pays the components of an instalment, oldest instalment first (P-LC-8). Default pack: penalty → interest → principal.
        → at rules/my-pack/pack.json: parameters
        hint: add "allocationOrder": ["penalty","interest","principal"] under "parameters""
    `);
  });

  it('allocationOrder naming a component twice', () => {
    const f = defaultFiles();
    f['pack.json'].parameters['allocationOrder'] = ['penalty', 'penalty', 'principal'];
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Parameter "allocationOrder": name the three components "penalty", "interest" and "principal", each once
        → at rules/my-pack/pack.json: parameters.allocationOrder
        hint: e.g. "allocationOrder": ["penalty","interest","principal"]"
    `);
  });

  it('allocationOrder principal → interest → penalty is accepted', () => {
    const f = defaultFiles();
    f['pack.json'].parameters['allocationOrder'] = ['principal', 'interest', 'penalty'];
    expect(load(f).allocationOrder).toEqual(['principal', 'interest', 'penalty']);
  });
});

describe('many problems at once', () => {
  it('reports every problem of every file in one result', () => {
    const f = defaultFiles();
    f['pack.json'].timeZone = 'Mars/Olympus';
    f['pack.json'].effectiveTo = '2019-01-01';
    delete f['pack.json'].parameters['allocationOrder'];
    f['pack.json'].rules.push('missing-rules.json');
    leaf(f, 'lifecycle.json', 0, 0)['operator'] = 'eqaul';
    rule(f, 'lifecycle.json', 4).event.type = 'transiton';
    leaf(f, 'buckets.json', 2, 1)['fact'] = 'dpdd';
    leaf(f, 'buckets.json', 7, 0)['value'] = '181';
    rule(f, 'classification.json', 0).id = 'bucket-M0';
    rule(f, 'classification.json', 2).conditions = { any: [] };
    expect(where(f)).toEqual([
      'pack.invalid rules/my-pack/pack.json: effectiveTo',
      'pack.invalid rules/my-pack/pack.json: timeZone',
      'pack.missingParam rules/my-pack/pack.json: parameters',
      'pack.unknownOperator rules/my-pack/lifecycle.json: rules[0].conditions.all[0].operator',
      'pack.unknownEventType rules/my-pack/lifecycle.json: rules[4].event.type',
      'pack.unknownFact rules/my-pack/buckets.json: rules[2].conditions.all[1].fact',
      'pack.invalid rules/my-pack/buckets.json: rules[7].conditions.all[0].value',
      'pack.duplicateRule rules/my-pack/classification.json: rules[0].id',
      'pack.emptyGroup rules/my-pack/classification.json: rules[2].conditions.any',
      'pack.missingFile rules/my-pack/pack.json: rules[10]',
    ]);
  });

  it('reports every problem of one rule, not only the first', () => {
    const f = withExtraRules({
      id: 'extra-rule',
      name: 'P-LC-1',
      conditions: { all: [{ fact: 'dpdd', operator: 'equal', value: 1 }, { fact: 'state', operator: 'lessThan', value: 'normal' }] },
      event: { type: 'transiton', params: { to: 'normal' } },
    });
    expect(where(f)).toEqual([
      'pack.unknownFact rules/my-pack/extra.json: rules[0].conditions.all[0].fact',
      'pack.unknownOperator rules/my-pack/extra.json: rules[0].conditions.all[1].operator',
      'pack.unknownEventType rules/my-pack/extra.json: rules[0].event.type',
    ]);
  });

  // Regression: a schema problem in pack.json used to stop every other check.
  // Regression: a rule without an id failed the file's schema and returned early, hiding the unknown
  // fact of the same rule and the problems of every other rule of the file.
  it('a rule without an id does not hide the other problems of its file', () => {
    const bad = aRule({ all: [{ fact: 'dpdd', operator: 'greaterThan', value: 0 }] });
    const { id: _dropped, ...withoutId } = bad;
    const f = withExtraRules(withoutId as RuleJson, { ...aRule({ all: [{ fact: 'dpd', operator: 'greaterThen', value: 0 }] }), id: 'second' }, { ...aRule({ all: [{ fact: 'dpd', operator: 'greaterThan', value: 0 }] }, { type: 'transitoin' }), id: 'third' });
    expect(where(f)).toEqual([
      'input.invalid rules/my-pack/extra.json: rules[0].id',
      'pack.unknownFact rules/my-pack/extra.json: rules[0].conditions.all[0].fact',
      'pack.unknownOperator rules/my-pack/extra.json: rules[1].conditions.all[0].operator',
      'pack.unknownEventType rules/my-pack/extra.json: rules[2].event.type',
    ]);
  });

  // Regression: an extra event param "note" was answered with "did you mean "name"?" (a key of the
  // rule, not of its params); a misspelt param now gets the param it resembles.
  it('an unknown event param is matched against the params of its decision type', () => {
    const note = withExtraRules(aRule({ all: [{ fact: 'dpd', operator: 'greaterThan', value: 0 }] }, { type: 'bucket', params: { bucket: 'M1', note: 'x' } }));
    const issues = loadPack(note, { dir: DIR });
    expect(issues.ok).toBe(false);
    if (!issues.ok) expect(issues.issues.find((i) => i.path === 'rules[0].event.params.note')?.hint).toBe('remove it or fix its spelling');
    const typo = withExtraRules(aRule({ all: [{ fact: 'dpd', operator: 'greaterThan', value: 0 }] }, { type: 'task', params: { kind: 'disbursementCallback', party: 'borrower', anchor: 'disbursement', due: { days: 7 }, tims: 2 } }));
    expect(problems(typo)).toContain('did you mean "times"?');
  });

  it('reports a bad version together with a bad time zone and the problems of rule files', () => {
    const f = defaultFiles();
    f['pack.json'].version = '1.0';
    f['pack.json'].timeZone = 'Asia/Shanghia';
    leaf(f, 'buckets.json', 0, 0)['fact'] = 'dpdd';
    expect(where(f)).toEqual([
      'input.invalid rules/my-pack/pack.json: version',
      'pack.invalid rules/my-pack/pack.json: timeZone',
      'pack.unknownFact rules/my-pack/buckets.json: rules[0].conditions.all[0].fact',
    ]);
  });
});

describe('pack hash', () => {
  const baseHash = load(cnDefaultPackFiles).hash;

  /** JSON text with object keys in reverse order and the given indentation. */
  const reordered = (value: unknown, indent: number): string =>
    JSON.stringify(
      value,
      (_k, v: unknown) =>
        v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).reverse()) : v,
      indent,
    );

  it('does not change with key order or whitespace', () => {
    const a = Object.fromEntries(Object.entries(cnDefaultPackFiles).map(([n, v]) => [n, reordered(v, 0)]));
    const b = Object.fromEntries(Object.entries(cnDefaultPackFiles).map(([n, v]) => [n, `\n\n${reordered(v, 4)}\n   `]));
    expect(load(a).hash).toBe(baseHash);
    expect(load(b).hash).toBe(baseHash);
  });

  it('changes when a threshold changes', () => {
    const f = defaultFiles();
    f['pack.json'].parameters['outsourceAtDpd'] = 31;
    expect(load(f).hash).not.toBe(baseHash);
    const g = defaultFiles();
    leaf(g, 'classification.json', 1, 0)['value'] = 89;
    expect(load(g).hash).not.toBe(baseHash);
  });

  it('changes when the rule files are listed in another order (rule order decides ties)', () => {
    const f = defaultFiles();
    f['pack.json'].rules.reverse();
    expect(load(f).hash).not.toBe(baseHash);
  });

  it('does not change with "$schema" keys', () => {
    const f = defaultFiles();
    f['pack.json'].$schema = '../../schemas/pack.schema.json';
    f['lifecycle.json'].$schema = '../../schemas/rules.schema.json';
    f['buckets.json'].$schema = 'https://example.com/rules.schema.json';
    expect(load(f).hash).toBe(baseHash);
  });
});

describe('custom calendar file', () => {
  const calendar = {
    id: 'test-cal',
    coverage: { from: '2020-01-01', to: '2030-12-31' },
    holidays: ['2026-01-01', '2026-01-02'],
    workdays: ['2026-01-04'],
  };
  const withCalendar = (data: unknown): DefaultFiles => {
    const f = defaultFiles();
    f['pack.json'].calendar = { file: 'cal.json' };
    f['cal.json'] = data;
    return f;
  };

  it('loads and is used as the business calendar', () => {
    const p = load(withCalendar(calendar));
    expect(p.calendar.id).toBe('test-cal');
    expect(p.calendar.isWorkingDay(day('2026-01-01'))).toBe(false); // a listed Thursday holiday
    expect(p.calendar.isWorkingDay(day('2026-01-04'))).toBe(true); // a make-up Sunday
    expect(p.calendar.isWorkingDay(day('2026-01-05'))).toBe(true);
    expect(p.calendar.coverage).toEqual({ from: day('2020-01-01'), to: day('2030-12-31') });
    expect(load(withCalendar(JSON.stringify(calendar, null, 2))).calendar.isWorkingDay(day('2026-01-04'))).toBe(true);
  });

  it('calendarFallback applies to it', () => {
    const f = withCalendar(calendar);
    f['pack.json'].calendarFallback = 'weekends';
    expect(load(f).calendar.outsideCoverage).toBe('weekends');
  });

  it('changes the hash when its content changes', () => {
    const a = load(withCalendar(calendar)).hash;
    expect(a).not.toBe(load(cnDefaultPackFiles).hash);
    expect(load(withCalendar({ ...calendar, holidays: ['2026-01-01'] })).hash).not.toBe(a);
  });

  // Regression: a calendar given as text used to be hashed as raw text.
  it('hash does not change with the whitespace of a calendar given as text', () => {
    const compact = load(withCalendar(JSON.stringify(calendar))).hash;
    const pretty = load(withCalendar(JSON.stringify(calendar, null, 2))).hash;
    expect(pretty).toBe(compact);
    expect(load(withCalendar(calendar)).hash).toBe(compact);
  });

  // Regression: every pack file may start with "$schema" (README, rule packs); calendar files used to refuse it.
  it('a calendar file may start with "$schema"', () => {
    const p = load(withCalendar({ $schema: '../../schemas/calendar.schema.json', ...calendar }));
    expect(p.calendar.id).toBe('test-cal');
  });

  it('an invalid calendar reports its problems with the calendar file name', () => {
    const f = withCalendar({ ...calendar, coverage: { from: '2020-01-01', to: '2030-13-01' }, workdays: ['2026-01-05'], holiday: [] });
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ Unknown key "holiday"
        → at rules/my-pack/cal.json: holiday
        hint: remove it or fix its spelling
      ✖ "2030-13-01" is not a real date
        → at rules/my-pack/cal.json: coverage.to
        hint: check the month and the day of month
      ✖ 2026-01-05 is a Monday, which is already a working day
        → at rules/my-pack/cal.json: workdays[0]
        hint: list only Saturdays and Sundays that are make-up working days (调休上班) in "workdays"; remove this date or check it"
    `);
  });

  it('a calendar file that is missing', () => {
    const f = defaultFiles();
    f['pack.json'].calendar = { file: 'cal.json' };
    expect(problems(f)).toMatchInlineSnapshot(`
      "✖ The pack has no file "cal.json"
        → at rules/my-pack/pack.json: calendar.file
        hint: create rules/my-pack/cal.json, or set "calendar": "cn" to use the built-in PRC calendar"
    `);
  });
});

describe('performance guard', () => {
  // Regression: a rule on outstandingTotal (which accrues penalty daily) once made the whole default pack
  // look at every loan every day, four times slower. The default pack must wake loans only when needed.
  it('the cn-default pack never needs daily evaluation', () => {
    const pack = load(cnDefaultPackFiles);
    expect(pack.wakeDaily).toBe(false);
  });
});
