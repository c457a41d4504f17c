import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/errors/formatIssues';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack, type CompiledPack, type CompiledRule, type PackFiles } from '../../src/rules/loadPack';
import { runCli } from '../cli/run';

const DIR = 'rules/my-pack/';
const bucketTable = JSON.parse(readFileSync('tests/fixtures/tables/buckets.json', 'utf8')) as { tables: Record<string, unknown>[] };

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
/** cn-default with one more rule file, `table.json`, holding `tables`. */
const withTables = (...tables: Record<string, unknown>[]): PackFiles => {
  const manifest = structuredClone(cnDefaultPackFiles['pack.json']) as { rules: string[] };
  manifest.rules.push('table.json');
  return { ...cnDefaultPackFiles, 'pack.json': manifest, 'table.json': { tables } };
};
/** The first rule that holds, as the engine picks it for a first-match decision (rules are sorted). */
const first = (rules: readonly CompiledRule[], dpd: number) => rules.find((r) => r.test({ dpd } as never))?.decision;

const handWritten = load(cnDefaultPackFiles);

describe('decision tables', () => {
  it('the bucket table decides like the hand-written bucket rules for every DPD 0..400', () => {
    const table = load({ ...cnDefaultPackFiles, 'buckets.json': bucketTable });
    expect(table.rulesByType.bucket.map((r) => r.id)).toEqual(['bucket/0', 'bucket/1', 'bucket/2', 'bucket/3', 'bucket/4', 'bucket/5', 'bucket/6', 'bucket/7']);
    expect(table.rulesByType.bucket.map((r) => r.policyId)).toEqual(handWritten.rulesByType.bucket.map((r) => r.policyId));
    for (let dpd = 0; dpd <= 400; dpd++) {
      const matching = (rules: readonly CompiledRule[]) => rules.filter((r) => r.test({ dpd } as never)).map((r) => r.decision);
      expect(matching(table.rulesByType.bucket), `dpd ${dpd}`).toEqual(matching(handWritten.rulesByType.bucket));
    }
    // The engine wakes a loan at the same DPDs.
    expect(table.thresholds).toEqual(handWritten.thresholds);
  });

  it('collect: a classification-floor table gives the same floors as the hand-written DPD floors', () => {
    const pack = load(
      withTables({
        id: 'card-floor',
        name: 'P-CL-2',
        decision: 'classificationFloor',
        hitPolicy: 'collect',
        inputs: ['dpd'],
        rows: [
          { when: { dpd: [1, null] }, then: { classification: 'specialMention' } },
          { when: { dpd: [91, null] }, then: { classification: 'substandard' } },
          { when: { dpd: [271, null] }, then: { classification: 'doubtful' } },
          { when: { dpd: [361, null] }, then: { classification: 'loss' } },
        ],
      }),
    );
    const dpdFloors = (ids: (id: string) => boolean) => pack.rulesByType.classificationFloor.filter((r) => ids(r.id));
    const table = dpdFloors((id) => id.startsWith('card-floor/'));
    const hand = dpdFloors((id) => ['floor-special-mention', 'floor-substandard', 'floor-doubtful', 'floor-loss'].includes(id));
    for (let dpd = 0; dpd <= 400; dpd++) {
      expect(table.filter((r) => r.test({ dpd } as never)).map((r) => r.decision), `dpd ${dpd}`).toEqual(hand.filter((r) => r.test({ dpd } as never)).map((r) => r.decision));
    }
  });

  it('first: overlapping rows are allowed, the first that holds wins; enum lists and two inputs', () => {
    const pack = load(
      withTables({
        id: 'seg',
        name: 'P-CS-1',
        decision: 'segment',
        hitPolicy: 'first',
        priority: 50,
        inputs: ['state', 'dpd'],
        rows: [
          { when: { state: ['outsourced'], dpd: [181, null] }, then: { segment: 'lostContact' } },
          { when: { state: { in: ['outsourced', 'overdueM2M3'] } }, then: { segment: 'lostContact' } },
          { when: { dpd: [1, null] }, then: { segment: 'unableWilling' } },
        ],
      }),
    );
    const rows = pack.rules.filter((r) => r.id.startsWith('seg/'));
    expect(rows.map((r) => [r.id, r.priority])).toEqual([['seg/0', 52], ['seg/1', 51], ['seg/2', 50]]);
    expect(rows[0]?.conditions).toEqual({
      kind: 'all',
      items: [
        { kind: 'leaf', fact: 'state', operator: 'in', value: { kind: 'const', value: ['outsourced'] } },
        { kind: 'leaf', fact: 'dpd', operator: 'greaterThanInclusive', value: { kind: 'const', value: 181 } },
      ],
    });
    expect(first(pack.rulesByType.segment, 200)).toBeDefined();
  });

  it('unique: overlapping rows are an error naming both rows', () => {
    const table = structuredClone(bucketTable.tables[0]) as { rows: { when: { dpd: unknown } }[] };
    const row = table.rows[2];
    if (row === undefined) throw new Error('no row');
    row.when.dpd = [25, 60];
    expect(problems({ ...cnDefaultPackFiles, 'buckets.json': { tables: [table] } })).toMatchInlineSnapshot(`
      "✖ Rows 1 and 2 of table "bucket" both hold for dpd 25–30
        → at rules/my-pack/buckets.json: tables[0].rows[2]
        hint: under "hitPolicy": "unique" no two rows may hold together: narrow rows[1] or rows[2], or use "hitPolicy": "first""
    `);
  });

  it('problems in a table point at the table, the row and the cell', () => {
    expect(
      problems(
        withTables({
          id: 't',
          name: 'P-LC-2',
          decision: 'buckett',
          hitPolicy: 'unique',
          inputs: ['dpd'],
          rows: [{ when: { dpd: [1, 30] }, then: { bucket: 'M1' } }],
        }),
      ),
    ).toMatchInlineSnapshot(`
      "✖ Unknown decision type "buckett"
        → at rules/my-pack/table.json: tables[0].decision
        hint: did you mean "bucket"?"
    `);
    expect(
      problems(
        withTables({
          id: 't',
          name: 'P-LC-2',
          decision: 'bucket',
          hitPolicy: 'unique',
          inputs: ['dpdd', 'state', 'dpd'],
          rows: [
            { when: { dpd: [1, 2, 3] }, then: { bucket: 'M1' } },
            { when: { state: ['normall'] }, then: { bucket: 'M9' } },
            { when: { dpd: [40, 31], dpdd: 3, sate: 'normal' }, then: { bucket: 'M2' } },
          ],
        }),
      ),
    ).toMatchInlineSnapshot(`
      "✖ Unknown fact "dpdd"
        → at rules/my-pack/table.json: tables[0].inputs[0]
        hint: did you mean "dpd"?
      ✖ Fact "dpd" is a number: its cell is a range [min, max]
        → at rules/my-pack/table.json: tables[0].rows[0].when.dpd
        hint: write [min, max] with both ends included and null for an open end, e.g. [1, 30] or [181, null]; for "one of" write { "in": [ … ] }
      ✖ "sate" is not an input of the table
        → at rules/my-pack/table.json: tables[0].rows[2].when.sate
        hint: did you mean "state"? Or add "sate" to "inputs"
      ✖ The range [40, 31] of "dpd" is empty: its minimum is above its maximum
        → at rules/my-pack/table.json: tables[0].rows[2].when.dpd
        hint: swap the two ends
      ✖ Fact "state" has no value "normall"
        → at rules/my-pack/table.json: tables[0].rows[1].when.state[0]
        hint: did you mean "normal"?
      ✖ Unknown bucket "M9"
        → at rules/my-pack/table.json: tables[0].rows[1].then.bucket
        hint: did you mean "M0"?"
    `);
  });

  it('through the CLI: cn-default with buckets.json replaced by the table replays and validates the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postloan-table-'));
    cpSync('rules/cn-default', dir, { recursive: true });
    writeFileSync(join(dir, 'buckets.json'), JSON.stringify(bucketTable));
    // The same output but for the pack hash and the rule ids (bucket/1 for bucket-M1, …).
    const ids = ['bucket-M0', 'bucket-M1', 'bucket-M2', 'bucket-M3', 'bucket-M4', 'bucket-M5', 'bucket-M6', 'bucket-M6plus'];
    const strip = (out: string) => {
      const o = JSON.parse(out.replace(/"bucket\/(\d)"/g, (_, i: string) => JSON.stringify(ids[Number(i)]))) as { pack: { hash?: string }; timeline: { id?: string }[] };
      delete o.pack.hash;
      // A timeline id hashes its entry, which names the table's own rule ids: compared without it.
      for (const e of o.timeline) delete e.id;
      return o;
    };
    const table = runCli('replay', 'examples/rolls-to-outsourced.json', '--pack', dir, '--as-of', '2026-04-20');
    expect(table.stderr).toBe('');
    expect(strip(table.stdout)).toEqual(strip(runCli('replay', 'examples/rolls-to-outsourced.json', '--as-of', '2026-04-20').stdout));
    const validate = runCli('validate', dir);
    expect(validate.stdout).toMatch(/is valid: 0 errors/);
    expect(validate.code).toBe(0);
  });
});
