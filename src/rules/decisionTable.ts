import type { z } from 'zod';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { DECISION_TYPES } from './decisions';
import { FACT_CATALOGUE, type FactName } from './facts';
import type { decisionTableSchema, RawCondition } from './packSchema';
import { packText } from './packMessages';
import { conditionText } from './conditionMessages';
import { issueFrom } from '../errors/issueText';

type Table = z.output<typeof decisionTableSchema>;
type Cell = Table['rows'][number]['when'][string];

/** A rule compiled from a table row, in the raw form of a rule file, with the JSON path of its row. */
export interface TableRule {
  readonly at: string;
  /** Where messages about the rule's parts point: the row's cells, the table's decision, the row's `then`. */
  readonly paths: { readonly conditions: string; readonly type: string; readonly params: string };
  /** The cell each leaf of `conditions.all` comes from (`…when.dpd[0]` for a range minimum), for messages. */
  readonly leafPaths: readonly string[];
  readonly rule: {
    readonly id: string;
    readonly name: string;
    readonly priority: number;
    readonly conditions: RawCondition;
    readonly event: { readonly type: string; readonly params: Readonly<Record<string, unknown>> };
  };
}

/** What a cell allows, for the overlap check: an interval, a set of values, or anything. */
type Allowed = { kind: 'any' } | { kind: 'range'; lo: number; hi: number } | { kind: 'set'; values: readonly unknown[] } | { kind: 'unknown' };

const NUMERIC = new Set(['integer', 'money', 'ratio']);

function isNumericFact(fact: string): boolean {
  const spec = (FACT_CATALOGUE as Readonly<Record<string, { type: string }>>)[fact];
  return spec !== undefined && NUMERIC.has(spec.type);
}

/** A range end as a number for the overlap check: literals, money and ratio strings, parameters. */
function endValue(end: unknown, parameters: Readonly<Record<string, unknown>>, open: number): number | undefined {
  if (end === null) return open;
  if (typeof end === 'number') return end;
  if (typeof end === 'string' && /^-?\d+(\.\d+)?$/.test(end)) return Number(end);
  if (end !== null && typeof end === 'object' && 'param' in end) return endValue(parameters[(end as { param: string }).param] ?? undefined, parameters, open);
  return undefined;
}

/** The conditions one cell adds, and what it allows; problems go to `issues`. */
function compileCell(
  fact: string,
  cell: Cell,
  at: string,
  parameters: Readonly<Record<string, unknown>>,
  file: string,
  issues: PostloanIssue[],
): { leaves: RawCondition[]; paths: string[]; allowed: Allowed } {
  if (cell === null) return { leaves: [], paths: [], allowed: { kind: 'any' } };
  if (Array.isArray(cell)) {
    if (isNumericFact(fact)) {
      const [min, max] = cell;
      if (cell.length !== 2 || typeof min === 'boolean' || typeof max === 'boolean' || min === undefined || max === undefined) {
        issues.push(issueFrom({ code: 'pack.invalid', file, path: at }, packText.rangeCell(fact)));
        return { leaves: [], paths: [], allowed: { kind: 'unknown' } };
      }
      const leaves: RawCondition[] = [];
      const paths: string[] = [];
      if (min !== null) {
        leaves.push({ fact, operator: 'greaterThanInclusive', value: min });
        paths.push(`${at}[0]`);
      }
      if (max !== null) {
        leaves.push({ fact, operator: 'lessThanInclusive', value: max });
        paths.push(`${at}[1]`);
      }
      const lo = endValue(min, parameters, -Infinity);
      const hi = endValue(max, parameters, Infinity);
      if (lo !== undefined && hi !== undefined && lo > hi) {
        issues.push(issueFrom({ code: 'pack.invalid', file, path: at }, packText.emptyRange(lo, hi, fact)));
      }
      return { leaves, paths, allowed: lo === undefined || hi === undefined ? { kind: 'unknown' } : { kind: 'range', lo, hi } };
    }
    const values = cell.filter((v): v is string | number | boolean => v !== null && typeof v !== 'object');
    if (values.length !== cell.length) {
      issues.push(issueFrom({ code: 'pack.invalid', file, path: at }, packText.listCell(fact)));
      return { leaves: [], paths: [], allowed: { kind: 'unknown' } };
    }
    return { leaves: [{ fact, operator: 'in', value: values }], paths: [at], allowed: { kind: 'set', values } };
  }
  if (typeof cell === 'object') return { leaves: [{ fact, operator: 'in', value: cell.in }], paths: [`${at}.in`], allowed: { kind: 'set', values: cell.in } };
  const n = endValue(cell, parameters, NaN);
  return {
    leaves: [{ fact, operator: 'equal', value: cell }],
    paths: [at],
    allowed: isNumericFact(fact) && n !== undefined && !Number.isNaN(n) ? { kind: 'range', lo: n, hi: n } : { kind: 'set', values: [cell] },
  };
}

/** The part two cells both allow, or undefined when they are disjoint (unknown counts as overlapping). */
function intersect(a: Allowed, b: Allowed): Allowed | undefined {
  if (a.kind === 'any') return b;
  if (b.kind === 'any') return a;
  if (a.kind === 'unknown' || b.kind === 'unknown') return { kind: 'unknown' };
  if (a.kind === 'range' && b.kind === 'range') {
    const lo = Math.max(a.lo, b.lo);
    const hi = Math.min(a.hi, b.hi);
    return lo <= hi ? { kind: 'range', lo, hi } : undefined;
  }
  if (a.kind === 'set' && b.kind === 'set') {
    const values = a.values.filter((v) => b.values.includes(v));
    return values.length > 0 ? { kind: 'set', values } : undefined;
  }
  return { kind: 'unknown' };
}

function describe(fact: string, allowed: Allowed): string {
  switch (allowed.kind) {
    case 'range': {
      const lo = Number.isFinite(allowed.lo) ? String(allowed.lo) : undefined;
      const hi = Number.isFinite(allowed.hi) ? String(allowed.hi) : undefined;
      if (lo === hi && lo !== undefined) return `${fact} ${lo}`;
      return lo === undefined ? `${fact} up to ${hi ?? ''}` : hi === undefined ? `${fact} ${lo} or more` : `${fact} ${lo}–${hi}`;
    }
    case 'set':
      return `${fact} ${allowed.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return `some ${fact}`;
  }
}

/**
 * Compiles a decision table into ordinary rules, one per row: `"<table id>/<row index>"` (the index of
 * `rows[i]`), the table's policy id, the row's cells as an `all` of leaf conditions, and `then` as the
 * params of a `decision` event. Under `first`, earlier rows get higher priorities so the first row that
 * holds wins; under `unique`, two rows that can hold together are an error naming both. Conditions and
 * params are then checked like those of any rule.
 *
 * @example
 * ```ts
 * const issues: PostloanIssue[] = [];
 * const rules = compileTable(table, 'tables[0]', {}, 'rules/my-pack/buckets.json', issues);
 * rules[1]?.rule.id; // 'buckets/1'
 * ```
 */
export function compileTable(table: Table, at: string, parameters: Readonly<Record<string, unknown>>, file: string, issues: PostloanIssue[], dimensions: readonly string[] = []): TableRule[] {
  // The pack's dimensions are facts too (enums, read by their names).
  const facts = [...Object.keys(FACT_CATALOGUE), ...dimensions] as FactName[];
  const reported = issues.length;
  table.inputs.forEach((input, i) => {
    if (!(facts as string[]).includes(input)) issues.push(issueFrom({ code: 'pack.unknownFact', file, path: `${at}.inputs[${i}]` }, conditionText.unknownFact(input, facts)));
    if (table.inputs.indexOf(input) !== i) issues.push(issueFrom({ code: 'pack.invalid', file, path: `${at}.inputs[${i}]` }, packText.inputTwice(input)));
  });
  if (!(DECISION_TYPES as readonly string[]).includes(table.decision)) {
    issues.push(issueFrom({ code: 'pack.unknownEventType', file, path: `${at}.decision` }, packText.unknownDecisionType(table.decision, DECISION_TYPES)));
    return [];
  }
  const base = table.priority ?? 1;
  const allowed: Allowed[][] = [];
  const out: TableRule[] = [];
  table.rows.forEach((row, r) => {
    const rowAt = `${at}.rows[${r}]`;
    const rowReported = issues.length;
    for (const key of Object.keys(row.when)) {
      if (!table.inputs.includes(key)) {
        issues.push(issueFrom({ code: 'pack.invalid', file, path: `${rowAt}.when${cellKey(key)}` }, packText.notAnInput(key, table.inputs)));
      }
    }
    const leaves: RawCondition[] = [];
    const leafPaths: string[] = [];
    const cells: Allowed[] = [];
    for (const input of table.inputs) {
      // An unknown input is reported once, at "inputs"; its cells are not read.
      if (!(facts as string[]).includes(input)) continue;
      const cell = row.when[input];
      const compiled = compileCell(input, cell ?? null, `${rowAt}.when${cellKey(input)}`, parameters, file, issues);
      leaves.push(...compiled.leaves);
      leafPaths.push(...compiled.paths);
      cells.push(compiled.allowed);
    }
    allowed.push(cells);
    if (issues.length > rowReported) return;
    if (leaves.length === 0) {
      if (!table.inputs.every((input) => (facts as string[]).includes(input))) return;
      issues.push(issueFrom({ code: 'pack.emptyGroup', file, path: `${rowAt}.when` }, packText.emptyRow()));
      return;
    }
    out.push({
      at: rowAt,
      paths: { conditions: `${rowAt}.when`, type: `${at}.decision`, params: `${rowAt}.then` },
      leafPaths,
      rule: {
        id: `${table.id}/${r}`,
        name: table.name,
        priority: table.hitPolicy === 'first' ? base + table.rows.length - 1 - r : base,
        conditions: { all: leaves },
        event: { type: table.decision, params: row.then },
      },
    });
  });
  // Overlaps are only worth reporting in a table whose cells could all be read.
  if (table.hitPolicy === 'unique' && issues.length === reported) {
    for (let j = 1; j < allowed.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = allowed[i] ?? [];
        const b = allowed[j] ?? [];
        const both = table.inputs.map((_, k) => intersect(a[k] ?? { kind: 'any' }, b[k] ?? { kind: 'any' }));
        if (both.every((x) => x !== undefined)) {
          const where = table.inputs.map((input, k) => ({ input, x: both[k] })).filter(({ x }) => x !== undefined && x.kind !== 'any');
          issues.push(issueFrom({ code: 'pack.tableOverlap', file, path: `${at}.rows[${j}]` }, packText.rowsOverlap(i, j, table.id, where.map(({ input, x }) => describe(input, x ?? { kind: 'unknown' })))));
        }
      }
    }
  }
  return out;
}

/** `.dpd`, or `["odd key"]` for a key that is not an identifier. */
function cellKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * The path of a problem in a table row's compiled conditions (`tables[0].rows[2].when.all[1].value[0]`)
 * rewritten to the cell it comes from (`tables[0].rows[2].when.state[0]`).
 *
 * @example
 * ```ts
 * tableIssuePath('t[0].rows[1].when.all[0].value[0]', 't[0].rows[1].when', ['t[0].rows[1].when.state']); // 't[0].rows[1].when.state[0]'
 * ```
 */
export function tableIssuePath(path: string, conditionsAt: string, leafPaths: readonly string[]): string {
  if (!path.startsWith(`${conditionsAt}.all[`)) return path;
  const m = /^\.all\[(\d+)\](.*)$/.exec(path.slice(conditionsAt.length));
  const cell = m === null ? undefined : leafPaths[Number(m[1])];
  if (m === null || cell === undefined) return path;
  const rest = m[2] ?? '';
  return rest.startsWith('.value') ? `${cell}${rest.slice('.value'.length)}` : cell;
}
