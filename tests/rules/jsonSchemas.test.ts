import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptedInput } from '../../src/contract/acceptedInput';
import { integerIn, isoDay, moneyString, nonEmptyString, nonNegativeMoney, oneOf, positiveMoney, rateString } from '../../src/contract/primitives';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { JSON_SCHEMA_FILES, JSON_SCHEMA_ID_BASE, jsonSchemas, type JsonSchemaFile } from '../../src/rules/jsonSchemas';
import { loadPack } from '../../src/rules/loadPack';
import { parseCalendarData } from '../../src/time/calendar';

const generated = jsonSchemas();
// Strict, but zod writes `type: ["string", "number"]` for unions of primitives, which is standard JSON Schema.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
for (const file of JSON_SCHEMA_FILES) ajv.addSchema(generated[file], file);

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Ajv's complaints about `value`, one line each ('' when it is valid). */
function problems(file: JsonSchemaFile, value: unknown): string {
  const validate = ajv.getSchema(file);
  if (validate === undefined) throw new Error(`no schema ${file}`);
  return validate(value) ? '' : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

describe('schemas/*.schema.json', () => {
  it.each(JSON_SCHEMA_FILES)('schemas/%s is what the zod schemas generate', (file) => {
    let committed = '';
    try {
      committed = readFileSync(`schemas/${file}`, 'utf8');
    } catch {
      // reported by the comparison below
    }
    expect(committed, `schemas/${file} is out of date: run \`npm run schemas\` and commit the result`).toBe(`${JSON.stringify(generated[file], null, 2)}\n`);
  });

  it('schemas/ holds the generated schemas and nothing else (run `npm run schemas`)', () => {
    expect(readdirSync('schemas').sort()).toEqual([...JSON_SCHEMA_FILES].sort());
  });

  it.each(JSON_SCHEMA_FILES)('%s is a valid draft 2020-12 schema with $id, title and description', (file) => {
    const schema = generated[file];
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`${JSON_SCHEMA_ID_BASE}${file}`);
    expect(schema.title).toMatch(/\S/);
    expect(schema.description).toMatch(/\S/);
    expect(ajv.validateSchema(schema), ajv.errorsText()).toBe(true);
  });

  it.each(JSON_SCHEMA_FILES)('%s lets every file carry "$schema"', (file) => {
    expect(generated[file].properties?.['$schema']).toMatchObject({ type: 'string' });
    expect(generated[file].required ?? []).not.toContain('$schema');
  });

  it('names the recursive condition definition instead of zod’s __schema0', () => {
    const rules = generated['rules.schema.json'];
    expect(Object.keys(rules.$defs ?? {})).toEqual(['condition']);
    expect(JSON.stringify(rules)).not.toContain('__schema');
    expect(JSON.stringify(rules)).not.toContain('x-postloan');
  });
});

describe('the shipped files validate against their schema', () => {
  const manifest = cnDefaultPackFiles['pack.json'] as { rules: string[]; tasks: string };

  it('rules/cn-default/pack.json', () => {
    expect(problems('pack.schema.json', readJson('rules/cn-default/pack.json'))).toBe('');
  });

  it.each(manifest.rules)('rules/cn-default/%s', (name) => {
    expect(problems('rules.schema.json', readJson(`rules/cn-default/${name}`))).toBe('');
  });

  it('rules/cn-default/ has no file the manifest does not name', () => {
    expect(readdirSync('rules/cn-default').sort()).toEqual(['pack.json', manifest.tasks, ...manifest.rules].sort());
  });

  it(`rules/cn-default/task-kinds.json`, () => {
    expect(problems('task-kinds.schema.json', readJson(`rules/cn-default/${manifest.tasks}`))).toBe('');
  });

  it('calendars/cn.json', () => {
    expect(problems('calendar.schema.json', readJson('calendars/cn.json'))).toBe('');
  });

  it.each(readdirSync('examples').filter((f) => f.endsWith('.json')))('examples/%s', (name) => {
    expect(problems('history.schema.json', readJson(`examples/${name}`))).toBe('');
  });

  it.each(readdirSync('tests/fixtures/scenarios'))('the history of tests/fixtures/scenarios/%s', (name) => {
    const { history } = readJson(`tests/fixtures/scenarios/${name}`) as { history: unknown };
    expect(parseHistoryValue(history, name).ok).toBe(true);
    expect(problems('history.schema.json', history)).toBe('');
  });
});

describe('history.schema.json', () => {
  const example = readJson('examples/cured-m1.json') as { loan: Record<string, unknown>; events: Record<string, unknown>[] };
  const withLoan = (patch: Record<string, unknown>) => ({ ...example, loan: { ...example.loan, ...patch } });

  it('refuses what editors should flag: amounts as numbers, unknown keys, unknown event types, a missing loan', () => {
    expect(problems('history.schema.json', withLoan({ principal: 120000 }))).toMatch(/\/loan\/principal must be string/);
    expect(problems('history.schema.json', withLoan({ princpal: '1.00' }))).toMatch(/\/loan must NOT have additional properties .*princpal/);
    expect(problems('history.schema.json', withLoan({ repayment: 'equalInstalment' }))).toMatch(/\/loan\/repayment must be equal to one of the allowed values/);
    expect(problems('history.schema.json', withLoan({ disbursedOn: '15/01/2026' }))).toMatch(/\/loan\/disbursedOn must match pattern/);
    expect(problems('history.schema.json', { ...example, events: [{ id: 'e1', type: 'paymnet', on: '2026-02-15', amount: '1.00' }] })).toMatch(/\/events\/0/);
    expect(problems('history.schema.json', { events: [] })).toMatch(/must have required property 'loan'/);
  });

  it('refuses tests/fixtures/bad/money-number.json and unknown-event-type.json, as postloan does', () => {
    for (const name of ['money-number.json', 'unknown-event-type.json']) {
      const value = readJson(`tests/fixtures/bad/${name}`);
      expect(parseHistoryValue(value, name).ok).toBe(false);
      expect(problems('history.schema.json', value), name).not.toBe('');
    }
  });
});

describe('accepted inputs: a JSON Schema never flags what postloan accepts', () => {
  // Strings shaped like the values of input files, near misses included.
  const decimalish = fc.stringMatching(/^-?\d{0,15}(\.\d{0,11})?$/);
  const dateish = fc.stringMatching(/^\d{4}-\d{1,2}-\d{1,3}$/);
  const any = fc.oneof(decimalish, dateish, fc.string(), fc.integer({ min: -5, max: 600 }), fc.double(), fc.boolean());
  const cases = {
    moneyString,
    positiveMoney,
    nonNegativeMoney,
    rateString,
    isoDay,
    nonEmptyString,
    'integerIn(1, 480)': integerIn(1, 480),
    'oneOf(retail, corporate)': oneOf(['retail', 'corporate']),
  };

  it.each(Object.entries(cases))('%s', (_name, schema) => {
    const input = acceptedInput.get(schema)?.input;
    expect(input).toBeDefined();
    fc.assert(
      fc.property(fc.oneof(any, fc.constantFrom('retail', 'corporate', 'corporate ', '0.00', '-0.00', '1.00', '2026-02-29', '2028-02-29', ' ')), (value) => {
        if (schema.safeParse(value).success) expect(input?.safeParse(value).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('"$schema" keys change nothing', () => {
  const withRef = (value: unknown, ref: string): unknown => ({ $schema: ref, ...(value as object) });

  it('a pack whose files all name their schema loads to the same pack, with the same hash', () => {
    const plain = loadPack(cnDefaultPackFiles, { dir: 'rules/cn-default/' });
    const schemaFor = (name: string) => (name === 'pack.json' ? 'pack' : name === 'task-kinds.json' ? 'task-kinds' : 'rules');
    const referenced = Object.fromEntries(
      Object.entries(cnDefaultPackFiles).map(([name, value]) => [name, withRef(value, `../../schemas/${schemaFor(name)}.schema.json`)]),
    );
    const withRefs = loadPack(referenced, { dir: 'rules/cn-default/' });
    expect(plain.ok && withRefs.ok).toBe(true);
    if (plain.ok && withRefs.ok) {
      expect(withRefs.value.hash).toBe(plain.value.hash);
      expect(withRefs.value.rules.map((r) => r.id)).toEqual(plain.value.rules.map((r) => r.id));
      expect(withRefs.value.taskKinds).toEqual(plain.value.taskKinds);
    }
  });

  it('a history that names its schema parses to the same history', () => {
    const history = readJson('examples/cured-m1.json');
    expect(parseHistoryValue(withRef(history, '../schemas/history.schema.json'), 'h.json')).toEqual(parseHistoryValue(history, 'h.json'));
  });

  it('a calendar file that names its schema reads to the same calendar data', () => {
    const calendar = readJson('calendars/cn.json');
    expect(parseCalendarData(withRef(calendar, '../schemas/calendar.schema.json'), 'cn.json')).toEqual(parseCalendarData(calendar, 'cn.json'));
  });
});
