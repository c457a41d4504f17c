import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { readPackDir } from '../../src/cli/files';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { jsonSchemas } from '../../src/rules/jsonSchemas';
import { loadPack } from '../../src/rules/loadPack';
import { runCli } from './run';

const PACK = 'rules/cn-consumer-credit';

interface Entry {
  on: string;
  kind: string;
  to?: string;
}
function replay(asOf: string, ...pack: string[]) {
  const { code, stdout, stderr } = runCli('replay', 'examples/rolls-to-outsourced.json', ...pack, '--as-of', asOf);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const out = JSON.parse(stdout) as { pack: { id: string }; state: string; classification: string; dpd: number; provision: { rate: string }; timeline: Entry[] };
  const changes = (kind: string) => out.timeline.filter((e) => e.kind === kind).map((e) => `${e.on} ${e.to ?? ''}`);
  return { ...out, states: changes('stateChanged'), classes: changes('classificationChanged') };
}

describe('rules/cn-consumer-credit: a variant of cn-default built only by overrides', () => {
  it('reads the files of the pack it extends under their relative path', () => {
    const files = readPackDir(PACK);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['pack.json', 'card-classification.json', '../cn-default/pack.json', '../cn-default/buckets.json', '../cn-default/task-kinds.json']));
  });

  it('loads: outsourceAtDpd 31, the card floors replace the cn-default floors by id, enter-m2m3 is dropped', () => {
    const r = loadPack(readPackDir(PACK), { dir: `${PACK}/` });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const pack = r.value;
    const base = cnDefaultPack();
    expect([pack.id, pack.version]).toEqual(['cn-consumer-credit', '1.0.0']);
    expect(pack.parameters['outsourceAtDpd']).toBe(31);
    expect(pack.rules.map((r) => r.id)).toEqual(base.rules.map((r) => r.id).filter((id) => id !== 'enter-m2m3'));
    const floors = Object.fromEntries(pack.rulesByType.classificationFloor.map((r) => [r.id, r.file]));
    expect(floors['floor-doubtful']).toBe(`${PACK}/card-classification.json`);
    expect(floors['floor-loss']).toBe(`${PACK}/card-classification.json`);
    expect(floors['floor-substandard']).toBe('rules/cn-default/classification.json');
    // The card tiers: special mention 1–90, substandard 91–120, doubtful 121–180, loss above 180.
    const worst = (dpd: number) => {
      const order = ['pass', 'specialMention', 'substandard', 'doubtful', 'loss'];
      const hits = pack.rulesByType.classificationFloor.filter((f) => f.facts.every((x) => x === 'dpd') && f.test({ dpd } as never));
      return hits.map((f) => (f.decision as { classification: string }).classification).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0] ?? 'pass';
    };
    expect([0, 1, 90, 91, 120, 121, 180, 181, 400].map(worst)).toEqual(['pass', 'specialMention', 'specialMention', 'substandard', 'substandard', 'doubtful', 'doubtful', 'loss', 'loss']);
  });

  it('replay --as-of 2026-04-20: outsourced at DPD 31 (2026-02-10) instead of 91 (2026-04-11)', () => {
    // First missed due date 2026-01-10: DPD 1 on 2026-01-11, 31 on 2026-02-10, 91 on 2026-04-11.
    const base = replay('2026-04-20');
    expect(base.states).toEqual(['2026-01-11 overdueM1', '2026-02-10 overdueM2M3', '2026-04-11 outsourced']);
    const card = replay('2026-04-20', '--pack', PACK);
    expect(card.pack.id).toBe('cn-consumer-credit');
    expect(card.states).toEqual(['2026-01-11 overdueM1', '2026-02-10 outsourced']);
    expect([card.state, card.dpd, card.classification]).toEqual(['outsourced', 100, 'substandard']);
    expect(card.classes).toEqual(['2026-01-11 specialMention', '2026-04-11 substandard']);
  });

  it('replay --as-of 2026-08-01: doubtful from DPD 121 (2026-05-11), loss from DPD 181 (2026-07-10); cn-default still substandard', () => {
    const card = replay('2026-08-01', '--pack', PACK);
    expect(card.classes).toEqual(['2026-01-11 specialMention', '2026-04-11 substandard', '2026-05-11 doubtful', '2026-07-10 loss']);
    expect([card.dpd, card.classification, card.provision.rate]).toEqual([203, 'loss', '1.00']);
    expect(replay('2026-08-01').classification).toBe('substandard');
  });

  it('its files and the decision-table fixture validate against the shipped JSON Schemas', () => {
    const schemas = jsonSchemas();
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
    expect(ajv.validate(schemas['pack.schema.json'], read(`${PACK}/pack.json`)), ajv.errorsText()).toBe(true);
    expect(ajv.validate(schemas['rules.schema.json'], read(`${PACK}/card-classification.json`)), ajv.errorsText()).toBe(true);
    expect(ajv.validate(schemas['rules.schema.json'], read('tests/fixtures/tables/buckets.json')), ajv.errorsText()).toBe(true);
  });

  it('postloan validate: 0 errors', () => {
    const { code, stdout } = runCli('validate', PACK);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✔ rules\/cn-consumer-credit is valid: 0 errors/);
  });

  it('an unknown id in disabledRules is reported at the variant’s pack.json, with did-you-mean', () => {
    const root = mkdtempSync(join(tmpdir(), 'postloan-extends-'));
    cpSync('rules/cn-default', join(root, 'cn-default'), { recursive: true });
    cpSync(PACK, join(root, 'variant'), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(root, 'variant/pack.json'), 'utf8'));
    manifest.disabledRules = ['enter-m2m4'];
    writeFileSync(join(root, 'variant/pack.json'), JSON.stringify(manifest));
    const { code, stderr } = runCli('replay', 'examples/rolls-to-outsourced.json', '--pack', join(root, 'variant'), '--as-of', '2026-04-20');
    expect(code).toBe(1);
    expect(stderr).toContain(`✖ "enter-m2m4" is not a rule of the extended pack\n  → at ${root}/variant/pack.json: disabledRules[0]\n  hint: did you mean "enter-m2m3"?`);
  });
});
