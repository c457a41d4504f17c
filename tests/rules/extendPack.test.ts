import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/errors/formatIssues';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { extendsProblem, joinDir } from '../../src/rules/extendPack';
import { replay } from '../../src/engine/replay';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { lintPack } from '../../src/rules/lint';
import { day } from '../../src/time/day';
import { loadPack, type CompiledPack, type PackFiles } from '../../src/rules/loadPack';

const DIR = 'rules/variant/';

/** cn-default's files under `../cn-default/`, as readPackDir reads them for a pack in rules/variant/. */
const base = Object.fromEntries(Object.entries(cnDefaultPackFiles).map(([name, v]) => [`../cn-default/${name}`, v]));

const variant = (manifest: Record<string, unknown>, extra: Record<string, unknown> = {}): PackFiles => ({
  ...base,
  'pack.json': { extends: '../cn-default', id: 'variant', version: '2.0.0', effectiveFrom: '2026-01-01', ...manifest },
  ...extra,
});

const floor = (id: string, dpd: number, classification: string) => ({
  id,
  name: 'P-CL-2',
  conditions: { all: [{ fact: 'dpd', operator: 'greaterThan', value: dpd }] },
  event: { type: 'classificationFloor', params: { classification } },
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

const parent = load(cnDefaultPackFiles);

describe('extends', () => {
  it('takes identity and dates from the pack, everything else from the pack it extends', () => {
    const p = load(variant({ description: 'A variant' }));
    expect(p.id).toBe('variant');
    expect(p.version).toBe('2.0.0');
    expect(p.description).toBe('A variant');
    expect(p.timeZone).toBe('Asia/Shanghai');
    expect(p.calendar.id).toBe('cn');
    expect(p.taskKinds).toEqual(parent.taskKinds);
    expect(p.policy).toEqual(parent.policy);
    expect(p.rules.map((r) => r.id)).toEqual(parent.rules.map((r) => r.id));
    expect(p.files).toEqual({ manifest: 'rules/variant/pack.json', tasks: 'rules/cn-default/task-kinds.json' });
    expect(p.rules.find((r) => r.id === 'bucket-M1')?.file).toBe('rules/cn-default/buckets.json');
  });

  it('merges parameters key by key', () => {
    const p = load(variant({ parameters: { outsourceAtDpd: 31, myThreshold: 5 } }));
    expect(p.parameters['outsourceAtDpd']).toBe(31);
    expect(p.parameters['myThreshold']).toBe(5);
    expect(p.parameters['upgradeCuredDays']).toBe(parent.parameters['upgradeCuredDays']);
    expect(p.thresholds.dpd).toContain(31);
  });

  it('a rule with the id of an inherited rule replaces it in place; new rules are added; disabledRules drops', () => {
    const p = load(
      variant(
        { rules: ['mine.json'], disabledRules: ['floor-material-event'] },
        { 'mine.json': { rules: [floor('floor-extra', 500, 'loss'), floor('floor-loss', 180, 'loss')] } },
      ),
    );
    const ids = (pack: CompiledPack) => pack.rulesByType.classificationFloor.map((r) => r.id);
    expect(ids(p)).toEqual(ids(parent).filter((id) => id !== 'floor-material-event').concat('floor-extra'));
    const loss = p.rules.find((r) => r.id === 'floor-loss');
    expect(loss?.file).toBe('rules/variant/mine.json');
    expect(loss?.test({ dpd: 181 } as never)).toBe(true);
    expect(loss?.test({ dpd: 180 } as never)).toBe(false);
    expect(p.rules).toHaveLength(parent.rules.length);
  });

  it('three levels: the nearest pack wins', () => {
    const files = {
      ...variant({ extends: '../middle', parameters: { outsourceAtDpd: 61 } }),
      '../middle/pack.json': { extends: '../cn-default', id: 'middle', version: '1.0.0', effectiveFrom: '2020-01-01', timeZone: 'Asia/Urumqi', parameters: { outsourceAtDpd: 31, lostContactDays: 9 } },
    };
    const p = load(files);
    expect(p.timeZone).toBe('Asia/Urumqi');
    expect(p.parameters['outsourceAtDpd']).toBe(61);
    expect(p.parameters['lostContactDays']).toBe(9);
  });

  it('the content hash covers the files of the extended pack', () => {
    const a = load(variant({}));
    expect(a.hash).not.toBe(parent.hash);
    const changed = structuredClone(base) as Record<string, { rules: { id: string; description?: string }[] }>;
    const rule = changed['../cn-default/buckets.json']?.rules[0];
    if (rule === undefined) throw new Error('no rule');
    rule.description = 'changed';
    expect(load({ ...changed, 'pack.json': variant({})['pack.json'] }).hash).not.toBe(a.hash);
    expect(load(variant({})).hash).toBe(a.hash);
  });

  describe('task kinds: a variant adds or replaces kinds without copying its parent\'s file', () => {
    const chargeOffKind = { description: 'Charge off by the end of the month (P-US-2).', closedBy: [{ event: 'writeOffApproval' }] };
    const chargeOffRule = {
      id: 'charge-off-deadline',
      name: 'P-LC-7',
      conditions: { all: [{ fact: 'dpd', operator: 'greaterThanInclusive', value: 120 }] },
      event: { type: 'task', params: { kind: 'chargeOff', party: 'loanOfficer', anchor: 'disbursement', due: { days: 30 } } },
    };

    it('regression: a variant naming its own task-kinds file lost every inherited kind', () => {
      const p = load(variant({ tasks: 'more-kinds.json', rules: ['mine.json'] }, { 'more-kinds.json': { kinds: { chargeOff: chargeOffKind } }, 'mine.json': { rules: [chargeOffRule] } }));
      expect(Object.keys(p.taskKinds)).toEqual([...Object.keys(parent.taskKinds), 'chargeOff']);
      expect(p.taskKinds['disbursementCallback']).toEqual(parent.taskKinds['disbursementCallback']);
      expect(p.files.tasks).toBe('rules/variant/more-kinds.json');
      expect(p.files.taskKinds?.['chargeOff']).toBe('rules/variant/more-kinds.json');
      expect(p.files.taskKinds?.['disbursementCallback']).toBe('rules/cn-default/task-kinds.json');
      expect(p.rulesByType.task.map((r) => r.id)).toContain('charge-off-deadline');
    });

    it('a kind of the same name replaces the inherited one in its place; the hash covers both files', () => {
      const kinds = Object.keys(parent.taskKinds);
      const first = kinds[0] as string;
      const p = load(variant({ tasks: 'more-kinds.json' }, { 'more-kinds.json': { kinds: { [first]: chargeOffKind } } }));
      expect(Object.keys(p.taskKinds)).toEqual(kinds);
      expect(p.taskKinds[first]?.description).toBe(chargeOffKind.description);
      const other = load(variant({ tasks: 'more-kinds.json' }, { 'more-kinds.json': { kinds: { [first]: { ...chargeOffKind, description: 'changed' } } } }));
      expect(other.hash).not.toBe(p.hash);
      expect(p.hash).not.toBe(load(variant({})).hash);
      // A pack with one task-kinds file hashes as before (cn-default's hash is pinned by examples/expected).
      expect(load(variant({})).files.taskKinds).toBeUndefined();
    });

    it('the replay opens and closes the variant\'s kind like an inherited one', () => {
      const extraCall = { description: 'A second callback within 3 days.', closedBy: [{ event: 'inspection', match: { kind: 'callback' } }] };
      const rule = {
        id: 'second-callback',
        name: 'P-IN-1',
        conditions: { all: [{ fact: 'selfPaid', operator: 'equal', value: false }] },
        event: { type: 'task', params: { kind: 'extraCall', party: 'borrower', anchor: 'disbursement', due: { days: 3 } } },
      };
      const p = load(variant({ tasks: 'more-kinds.json', rules: ['mine.json'] }, { 'more-kinds.json': { kinds: { extraCall } }, 'mine.json': { rules: [rule] } }));
      const history = unwrap(
        parseHistoryValue(
          {
            loan: { id: 'L-X', borrower: { id: 'B', kind: 'retail' }, principal: '1000.00', annualRate: '0.0600', disbursedOn: '2026-03-02', termMonths: 6, repayment: 'equalInstallment' },
            events: [{ id: 'c1', type: 'inspection', kind: 'callback', on: '2026-03-04' }],
          },
          'h.json',
        ),
      );
      const extra = replay(history, p, { asOf: day('2026-03-10') }).tasks.filter((t) => t.kind === 'extraCall');
      expect(extra.map((t) => [t.dueOn, t.status, t.closedBy])).toEqual([['2026-03-05', 'done', 'c1']]);
    });

    it('lint names the file a kind comes from', () => {
      const p = load(variant({ tasks: 'more-kinds.json' }, { 'more-kinds.json': { kinds: { chargeOff: chargeOffKind } } }));
      const unused = lintPack(p).filter((f) => f.code === 'lint.unusedTaskKind');
      expect(unused.map((f) => [f.file, f.path])).toEqual([['rules/variant/more-kinds.json', 'kinds.chargeOff']]);
    });

    it('a problem in the variant\'s task-kinds file names that file; a rule raising an undeclared kind still fails', () => {
      expect(problems(variant({ tasks: 'more-kinds.json' }, { 'more-kinds.json': { kinds: { chargeOff: { closedBy: 'nope' } } } }))).toContain('rules/variant/more-kinds.json');
      expect(problems(variant({ rules: ['mine.json'] }, { 'mine.json': { rules: [chargeOffRule] } }))).toContain('chargeOff');
    });

    it('regression: an unknown kind in a variant\'s rule sent its author to edit the extended pack\'s file', () => {
      // Without its own task-kinds file, the variant is told to name one in its own pack.json.
      const without = problems(variant({ rules: ['mine.json'] }, { 'mine.json': { rules: [chargeOffRule] } }));
      expect(without).toContain('name a task-kinds file in rules/variant/pack.json ("tasks": "task-kinds.json") and define "chargeOff" there');
      expect(without).not.toContain('cn-default/task-kinds.json');
      // With one, that file.
      const withOwn = problems(variant({ tasks: 'more-kinds.json', rules: ['mine.json'] }, { 'more-kinds.json': { kinds: { other: chargeOffKind } }, 'mine.json': { rules: [chargeOffRule] } }));
      expect(withOwn).toContain('define "chargeOff" in rules/variant/more-kinds.json');
      // A rule of the extended pack itself is still sent to that pack's file.
      const rules = structuredClone(base['../cn-default/notices.json']) as { rules: { event: { type: string; params: { kind?: string } } }[] };
      const task = rules.rules.find((r) => r.event.type === 'task');
      if (task === undefined) throw new Error('no task rule in notices.json');
      task.event.params.kind = 'noSuchKind';
      expect(problems(variant({}, { '../cn-default/notices.json': rules }))).toContain('define "noSuchKind" in rules/cn-default/task-kinds.json');
    });
  });

  it('a pack without extends still needs calendar, timeZone, rules and parameters', () => {
    const r = loadPack({ 'pack.json': { id: 'x', version: '1.0.0', effectiveFrom: '2020-01-01' } }, { dir: DIR });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['calendar: "calendar" is required', 'timeZone: "timeZone" is required', 'rules: "rules" is required', 'parameters: "parameters" is required']);
  });
});

describe('extends: problems name the file and JSON path', () => {
  it('an unknown rule id in disabledRules, with did-you-mean', () => {
    expect(problems(variant({ disabledRules: ['floor-material-events'] }))).toMatchInlineSnapshot(`
      "✖ "floor-material-events" is not a rule of the extended pack
        → at rules/variant/pack.json: disabledRules[0]
        hint: did you mean "floor-material-event"?"
    `);
  });

  it('disabling a rule the pack replaces itself', () => {
    expect(problems(variant({ rules: ['mine.json'], disabledRules: ['floor-loss'] }, { 'mine.json': { rules: [floor('floor-loss', 180, 'loss')] } }))).toMatchInlineSnapshot(`
      "✖ "floor-loss" is both replaced (rules/variant/mine.json rules[0]) and disabled
        → at rules/variant/pack.json: disabledRules[0]
        hint: keep one: remove the replacing rule, or remove the id from "disabledRules""
    `);
  });

  it('disabledRules without extends', () => {
    const files = { ...cnDefaultPackFiles, 'pack.json': { ...(cnDefaultPackFiles['pack.json'] as object), disabledRules: ['floor-loss'] } };
    expect(problems(files)).toMatchInlineSnapshot(`
      "✖ "disabledRules" drops rules of an extended pack, but this pack extends none
        → at rules/variant/pack.json: disabledRules
        hint: remove the ids from the rule files instead, or add "extends""
    `);
  });

  it('a duplicate id inside the variant is still a duplicate', () => {
    expect(problems(variant({ rules: ['mine.json'] }, { 'mine.json': { rules: [floor('floor-x', 1, 'loss'), floor('floor-x', 2, 'loss')] } }))).toContain(
      'Rule id "floor-x" is already used in rules/variant/mine.json rules[0]',
    );
  });

  it('an absolute path, a URL, a missing pack', () => {
    expect(problems(variant({ extends: '/etc/packs/cn-default' }))).toMatchInlineSnapshot(`
      "✖ "extends" must be relative to this pack, not an absolute path
        → at rules/variant/pack.json: extends
        hint: write the directory relative to this pack, e.g. "../cn-default""
    `);
    expect(problems(variant({ extends: 'https://example.com/cn-default' }))).toMatchInlineSnapshot(`
      "✖ "extends" must be a directory relative to this pack, not a URL ("https://example.com/cn-default")
        → at rules/variant/pack.json: extends
        hint: copy the pack next to this one and write its relative directory, e.g. "../cn-default""
    `);
    expect(problems(variant({ extends: '../cn-defualt' }))).toMatchInlineSnapshot(`
      "✖ No pack to extend at "../cn-defualt": there is no rules/cn-defualt/pack.json
        → at rules/variant/pack.json: extends
        hint: write the directory of the extended pack relative to rules/variant/, e.g. "../cn-default""
    `);
  });

  it('a cycle', () => {
    const files = {
      'pack.json': { extends: '../b', id: 'a', version: '1.0.0', effectiveFrom: '2020-01-01' },
      '../b/pack.json': { extends: '../variant', id: 'b', version: '1.0.0', effectiveFrom: '2020-01-01' },
    };
    expect(problems(files)).toMatchInlineSnapshot(`
      "✖ "extends": "../variant" leads back to rules/variant/pack.json: the packs extend each other in a cycle
        → at rules/b/pack.json: extends
        hint: remove "extends" from one of them: a base pack extends nothing"
    `);
  });

  it('more than four packs deep', () => {
    const files: Record<string, unknown> = { ...variant({ extends: '../p1' }) };
    for (let i = 1; i <= 4; i++) files[`../p${i}/pack.json`] = { extends: i === 4 ? '../cn-default' : `../p${i + 1}`, id: `p${i}`, version: '1.0.0', effectiveFrom: '2020-01-01' };
    expect(problems(files)).toMatchInlineSnapshot(`
      "✖ The chain of "extends" from rules/variant/pack.json goes more than 4 packs deep
        → at rules/p4/pack.json: extends
        hint: let rules/variant/pack.json extend a pack nearer the base, or copy the rules it needs"
    `);
    delete files['../p4/pack.json'];
    files['../p3/pack.json'] = { extends: '../cn-default', id: 'p3', version: '1.0.0', effectiveFrom: '2020-01-01' };
    expect(load(files).id).toBe('variant');
  });

  it('a problem in a parameter the variant sets names the variant; in a rule of the base, the base file', () => {
    expect(problems(variant({ parameters: { allocationOrder: ['principal'] } }))).toContain('→ at rules/variant/pack.json: parameters.allocationOrder');
    const broken = structuredClone(base) as Record<string, { rules: { event: { type: string } }[] }>;
    const rule = broken['../cn-default/buckets.json']?.rules[0];
    if (rule === undefined) throw new Error('no rule');
    rule.event.type = 'buckett';
    expect(problems({ ...broken, 'pack.json': variant({})['pack.json'] })).toContain('→ at rules/cn-default/buckets.json: rules[0].event.type');
  });
});

describe('joinDir and extendsProblem', () => {
  it('resolves . and .. as a path', () => {
    expect(joinDir('rules/a/', '../b')).toBe('rules/b/');
    expect(joinDir('', '../b')).toBe('../b/');
    expect(joinDir('../b/', '../c/./d')).toBe('../c/d/');
    expect(joinDir('/tmp/x/', '../../../y')).toBe('/y/');
    expect(joinDir('', '.')).toBe('');
  });

  it('refuses absolute paths, URLs and backslashes', () => {
    expect(extendsProblem('../cn-default')).toBeUndefined();
    expect(extendsProblem('../../../../up/many')).toBeUndefined();
    expect(extendsProblem('C:\\packs\\x')?.message).toMatch(/absolute/);
    expect(extendsProblem('file:///packs/x')?.message).toMatch(/URL/);
    expect(extendsProblem('..\\x')?.hint).toBe('write "/" instead: "../x"');
  });
});
