import { z } from 'zod';
import { statechartSchema } from '../workflow/statechartSchema';
import { acceptedInput } from '../contract/acceptedInput';
import { loanContractSchema } from '../contract/LoanContract';
import { loanEventSchema } from '../history/events';
import { calendarSchema } from '../time/calendar';
import { conditionSchema, packManifestSchema, ruleFileSchema } from './packSchema';
import { taskKindsFileSchema } from './taskKinds';

/**
 * The JSON Schemas postloan ships in `schemas/` (package export `postloan/schemas/*`), one per kind of
 * input file.
 *
 * @example
 * ```ts
 * JSON_SCHEMA_FILES.includes('history.schema.json'); // true
 * ```
 */
export const JSON_SCHEMA_FILES = ['pack.schema.json', 'rules.schema.json', 'task-kinds.schema.json', 'calendar.schema.json', 'history.schema.json', 'statechart.schema.json'] as const;

/**
 * One of {@link JSON_SCHEMA_FILES}.
 *
 * @example
 * ```ts
 * const name: JsonSchemaFile = 'rules.schema.json';
 * ```
 */
export type JsonSchemaFile = (typeof JSON_SCHEMA_FILES)[number];

/**
 * A generated JSON Schema (draft 2020-12) document.
 *
 * @example
 * ```ts
 * const pack: JsonSchemaDocument = jsonSchemas()['pack.schema.json'];
 * pack.$id; // 'https://postloan.dev/schemas/pack.schema.json'
 * ```
 */
export type JsonSchemaDocument = z.core.JSONSchema.BaseSchema & { readonly $schema: string; readonly $id: string; readonly title: string; readonly description: string };

/**
 * Base of every shipped schema's `$id`. An identifier, not a download location: files point at their
 * schema with a relative `$schema` path (`"../../schemas/pack.schema.json"`), which editors resolve.
 *
 * @example
 * ```ts
 * `${JSON_SCHEMA_ID_BASE}pack.schema.json`; // the $id of pack.schema.json
 * ```
 */
export const JSON_SCHEMA_ID_BASE = 'https://postloan.dev/schemas/';

/**
 * The whole history file. `parseHistoryValue` reads its two keys by hand (to word every problem
 * itself); this states the same shape for the JSON Schema. `loanEventSchema.out` is the union of
 * event shapes, behind the type check that gives a misspelt type its did-you-mean.
 */
const historyFileSchema = z.strictObject({
  $schema: z.string().optional(),
  loan: loanContractSchema,
  events: z.array(loanEventSchema.out).optional(),
});

interface Source {
  readonly schema: z.ZodType;
  readonly title: string;
  readonly description: string;
}

const SOURCES: Readonly<Record<JsonSchemaFile, Source>> = {
  'pack.schema.json': {
    schema: packManifestSchema,
    title: 'postloan rule pack manifest (pack.json)',
    description:
      'The manifest of a postloan rule pack: identity, validity period, business calendar, time zone, rule files, task-kinds file and parameters. ' +
      'With "extends" (a pack directory relative to this one) calendar, timeZone, rules and parameters may be left out: they come from the extended pack, parameters merged key by key. ' +
      'postloan checks more when it loads the pack: the parameters the engine needs and their values, real dates, effectiveTo not before effectiveFrom, the time zone name, and that the named files exist.',
  },
  'rules.schema.json': {
    schema: ruleFileSchema,
    title: 'postloan rule file',
    description:
      'A rule file of a postloan rule pack: json-rules-engine rules, each naming the policy rule id (P-…) it encodes, and decision tables, compiled to such rules one per row. ' +
      'postloan checks more when it loads the pack: fact names, operators and their values against the fact catalogue, { "param": … } references to pack parameters, ' +
      'decision types and their params, and rule ids unique in the pack (see docs/rule-reference.md).',
  },
  'task-kinds.schema.json': {
    schema: taskKindsFileSchema,
    title: 'postloan task kinds',
    description:
      'The task-kinds file of a postloan rule pack (named by "tasks" in pack.json): every kind of task the rules may raise, and the history events that do it. ' +
      'postloan checks more when it loads the pack: that every task a rule raises has a kind here.',
  },
  'calendar.schema.json': {
    schema: calendarSchema,
    title: 'postloan business calendar',
    description:
      'Official days off and make-up working days (调休) inside a coverage window; every other day follows the Monday–Friday rule. ' +
      'postloan checks more when it reads the file: real YYYY-MM-DD dates, coverage.from not after coverage.to, every date inside the coverage, ' +
      'no duplicates, no date in both lists, make-up working days only on Saturdays and Sundays.',
  },
  'history.schema.json': {
    schema: historyFileSchema,
    title: 'postloan loan history',
    description:
      'The input of `postloan replay`: a loan contract and its events. ' +
      'postloan checks more than JSON Schema can express: real calendar dates, amounts above zero (or not below zero) and within range, rates below 1, time zone names, ' +
      'repayment or schedule (both: the schedule is authoritative, repayment a label; termMonths with repayment alone), a schedule in date order after disbursement that repays the principal, firstDueOn within two months, ' +
      'unique ids, events on or after disbursement, parties and collateral that exist, and the cross-field rules of promises, extensions, restructures and risk signals.',
  },
  'statechart.schema.json': {
    schema: statechartSchema,
    title: 'postloan lifecycle statechart',
    description:
      'A rule pack\'s own lifecycle statechart (named by "statechart" in pack.json): an XState v5 machine config of flat states, each with its roles as "tags", moved by the engine\'s events under the guards decidedTo and permitted. ' +
      'postloan checks more when it loads the pack: the initial state and every target exist, a DECIDE is guarded by decidedTo naming its target, every state is reachable from the initial state, ' +
      'the initial state is performing, some state is settled, settled and written-off states are terminal and terminal states do not move; the rules\' transitions and state values name its states.',
  },
};

/** Names for the definitions zod extracts (recursive schemas); zod itself numbers them `__schema0`, … */
const DEFINITION_NAMES = new Map<z.core.$ZodType, string>([[conditionSchema, 'condition']]);
const NAME_MARK = 'x-postloan-definition';


/** Uses what a boundary schema registered in {@link acceptedInput}, and marks definitions to be named. */
function override(ctx: { zodSchema: z.core.$ZodType; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const { zodSchema, jsonSchema } = ctx;
  const accepted = acceptedInput.get(zodSchema);
  if (accepted?.input !== undefined) {
    const { $schema: _dialect, ...shape } = z.toJSONSchema(accepted.input, { io: 'input' });
    for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
    Object.assign(jsonSchema, shape);
  }
  if (accepted?.closed === true) jsonSchema.additionalProperties = false;
  const name = DEFINITION_NAMES.get(zodSchema);
  if (name !== undefined) jsonSchema[NAME_MARK] = name;
}

/** Renames the definitions marked by {@link override} and rewrites the references to them. */
function nameDefinitions(schema: z.core.JSONSchema.BaseSchema): z.core.JSONSchema.BaseSchema {
  const defs = schema.$defs ?? {};
  const renames = new Map<string, string>();
  for (const [key, def] of Object.entries(defs)) {
    const name: unknown = typeof def === 'object' ? def[NAME_MARK] : undefined;
    if (typeof name === 'string') renames.set(`#/$defs/${key}`, `#/$defs/${name}`);
  }
  const text = JSON.stringify(schema, (key, value: unknown) => {
    if (key === NAME_MARK) return undefined;
    if (key === '$ref' && typeof value === 'string') return renames.get(value) ?? value;
    if (key === '$defs' && value === defs) {
      return Object.fromEntries(Object.entries(defs).map(([k, v]) => [renames.get(`#/$defs/${k}`)?.slice('#/$defs/'.length) ?? k, v]));
    }
    return value;
  });
  return JSON.parse(text) as z.core.JSONSchema.BaseSchema;
}

function generate(file: JsonSchemaFile): JsonSchemaDocument {
  const source = SOURCES[file];
  const { $schema, ...body } = nameDefinitions(z.toJSONSchema(source.schema, { io: 'input', unrepresentable: 'throw', override }));
  const properties = body.properties;
  const schemaKey = properties?.['$schema'];
  if (properties !== undefined && typeof schemaKey === 'object') {
    properties['$schema'] = { ...schemaKey, description: `This file's JSON Schema, for editors: a path relative to the file (e.g. "../../schemas/${file}") or a URL; postloan ignores it` };
  }
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: `${JSON_SCHEMA_ID_BASE}${file}`,
    title: source.title,
    description: source.description,
    ...body,
  };
}

/**
 * Generates the JSON Schemas of postloan's input files from the zod schemas that parse them, so the
 * two cannot disagree on shape: `pack.json`, rule files, the task-kinds file, calendar files and loan
 * histories. They serve editors (completion, inline errors): they accept every file postloan accepts,
 * while postloan checks more (fact names, real dates, cross-field rules; each schema's `description`
 * says what). `npm run schemas` writes them to `schemas/`; a test fails when the files drift.
 *
 * @example
 * ```ts
 * const schemas = jsonSchemas();
 * writeFileSync('schemas/pack.schema.json', `${JSON.stringify(schemas['pack.schema.json'], null, 2)}\n`);
 * ```
 */
export function jsonSchemas(): Readonly<Record<JsonSchemaFile, JsonSchemaDocument>> {
  return Object.fromEntries(JSON_SCHEMA_FILES.map((file) => [file, generate(file)])) as Record<JsonSchemaFile, JsonSchemaDocument>;
}
