import { schemaPhrase } from '../errors/schemaPhrases';
import { z } from 'zod';
import { attributeDeclarationsSchema, observationDeclarationsSchema, packRequirementsSchema } from './dataDeclarations';
import { packText } from './packMessages';
import { report } from '../contract/primitives';
import { scalesSchema } from './scales';

/**
 * The zod schemas of a rule pack's files: the single source of truth for their shape (JSON Schemas for
 * editors are generated from these). Semantic checks that need the fact catalogue, operators and
 * parameters (with "did you mean" suggestions) run after these in `validateConditions`.
 */

const isoDateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: schemaPhrase.isoDate });
const semverText = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/, { message: schemaPhrase.semver });

/** Scalars and small structures a pack parameter may hold. */
export const parameterValueSchema: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.number(),
    z.string().max(200),
    z.boolean(),
    z.array(z.union([z.number(), z.string().max(200), z.boolean()])).max(100),
    z.record(z.string(), z.union([z.number(), z.string().max(200), z.boolean()])),
  ]),
);

const policyIdText = z.string().regex(/^P-[A-Z]{2}-\d+$/, { message: schemaPhrase.policyId });

/** `pack.json` `"policy"`: the policy rule ids the pack encodes, and where those without a rule of their own are implemented. */
export const policyDeclarationSchema = z.strictObject({
  ids: z
    .array(policyIdText)
    .min(1)
    .max(1000)
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        const first = ids.indexOf(id);
        if (first !== i) report(ctx, 'input.invalid', packText.policyIdTwice(id, first), [i]);
      });
    })
    .describe('Every rule id (P-…) of the policy document the pack encodes'),
  outsideRules: z
    .record(policyIdText, z.string().min(1).max(500))
    .default({})
    .describe('Ids implemented without a rule of their own ("name"), with where and how: by the engine, by a library function, or inside the rules of another id'),
});
export type PolicyDeclaration = z.output<typeof policyDeclarationSchema>;

const ruleIdText = z.string().regex(/^[A-Za-z0-9][\w.-]{0,79}$/, { message: schemaPhrase.ruleId });

/** What a pack states itself or takes from the pack it extends; without `extends` each is required. */
const INHERITABLE = ['calendar', 'timeZone', 'rules', 'parameters'] as const;

/**
 * `pack.json`: identity, validity period, calendar, time zone, rule files and parameters; or, with
 * `"extends"`, the pack it varies and what it changes (see `resolvePackChain`).
 */
export const packManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('The directory of the pack this one varies, relative to this pack (e.g. "../cn-default"): its rule files, calendar, time zone, tasks, policy and parameters apply unless given here; rules here with the id of one of its rules replace it'),
  disabledRules: z
    .array(ruleIdText)
    .max(1000)
    .optional()
    .describe('Ids of rules of the extended pack that this pack drops'),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: schemaPhrase.packId }),
  version: semverText,
  description: z.string().max(2000).optional(),
  effectiveFrom: isoDateText,
  effectiveTo: isoDateText.optional(),
  calendar: z.union([
    z.literal('cn').describe('The built-in PRC calendar (public holidays and make-up working days)'),
    z.strictObject({ file: z.string().regex(/^[\w.-]+\.json$/, { message: schemaPhrase.jsonFileName }) }),
  ]).optional(),
  calendarFallback: z
    .enum(['error', 'weekends'])
    .default('error')
    .describe('Outside the calendar coverage: refuse (error) or count Monday–Friday as working days and record a warning'),
  timeZone: z.string().min(1).max(64).optional(),
  rules: z
    .array(z.string().regex(/^[\w.-]+\.json$/, { message: schemaPhrase.jsonFileName }))
    .min(1)
    .max(200)
    .optional(),
  tasks: z
    .string()
    .regex(/^[\w.-]+\.json$/, { message: schemaPhrase.jsonFileName })
    .optional()
    .describe('The task-kinds file: every kind of task the rules may raise and the events that close it. In a pack that extends another, only the kinds it adds or changes: kinds are merged with the inherited ones, a kind of the same name replacing the inherited one'),
  parameters: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/), parameterValueSchema).optional(),
  statechart: z
    .string()
    .regex(/^[\w.-]+\.json$/, { message: schemaPhrase.jsonFileName })
    .optional()
    .describe('The lifecycle statechart file (an XState machine config; each state\'s roles as "tags"); default: the built-in workflows/lifecycle.json'),
  policy: policyDeclarationSchema
    .optional()
    .describe('The policy the pack encodes, checked by `postloan validate`: every id must be the "name" of a rule or be explained under outsideRules'),
  requires: packRequirementsSchema.optional().describe('What the host program must provide: custom operators registered with loadPack(dir, { operators })'),
  attributes: attributeDeclarationsSchema.optional(),
  observations: observationDeclarationsSchema.optional(),
  scales: scalesSchema.optional().describe("The pack's own scales: further dimensions (e.g. an IFRS 9 stage) that rules set with floors; an extending pack inherits its parent's and may add more"),
}).superRefine((m, ctx) => {
  if (m.extends !== undefined) return;
  for (const key of INHERITABLE) {
    if (m[key] === undefined) {
      report(ctx, 'input.invalid', packText.inheritableMissing(key), [key]);
    }
  }
  if (m.disabledRules !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['disabledRules'], message: schemaPhrase.disabledRulesWithoutExtends, params: { hint: schemaPhrase.disabledRulesWithoutExtendsHint } });
  }
});
export type PackManifestInput = z.input<typeof packManifestSchema>;
export type PackManifest = z.output<typeof packManifestSchema>;

/** A condition value: a literal, `{ "param": name }` (a pack parameter) or `{ "fact": name }` (another fact). */
export const conditionValueSchema = z.union([
  z.number(),
  z.string().max(500),
  z.boolean(),
  z.null(),
  z.array(z.union([z.number(), z.string().max(500), z.boolean()])).max(500),
  z.strictObject({ param: z.string() }),
  z.strictObject({ fact: z.string(), path: z.string().optional() }),
]);

/** A leaf condition of json-rules-engine. */
export const leafConditionSchema = z.strictObject({
  fact: z.string(),
  operator: z.string(),
  value: conditionValueSchema,
  path: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  priority: z.number().int().min(1).optional(),
  name: z.string().optional(),
});

export interface RawConditionGroup {
  all?: RawCondition[] | undefined;
  any?: RawCondition[] | undefined;
  not?: RawCondition | undefined;
  priority?: number | undefined;
  name?: string | undefined;
}
export type RawCondition = z.infer<typeof leafConditionSchema> | RawConditionGroup;

/** Conditions, recursively: `all`, `any`, `not` or a leaf (json-rules-engine format). */
export const conditionSchema: z.ZodType<RawCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema), priority: z.number().int().min(1).optional(), name: z.string().optional() }),
    z.strictObject({ any: z.array(conditionSchema), priority: z.number().int().min(1).optional(), name: z.string().optional() }),
    z.strictObject({ not: conditionSchema, priority: z.number().int().min(1).optional(), name: z.string().optional() }),
    leafConditionSchema,
  ]),
);

/** Builds the rule schema around a conditions schema (full for editors, opaque while validating). */
export function ruleSchemaWith<C extends z.ZodType>(conditions: C) {
  return z.strictObject({
    id: ruleIdText
      .describe('Unique id of the rule inside the pack (used to override it and in traces)'),
    name: z
      .string()
      .regex(/^P-[A-Z]{2}-\d+$/, { message: schemaPhrase.policyIdOfRule })
      .describe('The policy rule id (P-…) this rule encodes'),
    description: z.string().max(2000).optional(),
    priority: z.number().int().min(1).max(10000).optional().describe('Higher runs first and wins ties; default 1'),
    conditions,
    event: z.strictObject({
      type: z.string(),
      params: z.record(z.string(), z.unknown()).optional(),
    }),
  });
}

export const ruleSchema = ruleSchemaWith(conditionSchema);

const tableScalar = z.union([z.number(), z.string().max(500), z.boolean()]);
const rangeEnd = z.union([z.number(), z.string().max(500), z.null(), z.strictObject({ param: z.string() })]);

/**
 * One cell of a decision table row: what the row needs of one input. `[min, max]` is a range, both ends
 * included, `null` for an open end (numeric facts); a list is "one of" (enum and boolean facts);
 * `{ "in": [ … ] }` is "one of" for any fact; a single value is "equal"; `null` or no cell is "any".
 */
export const tableCellSchema = z.union([
  tableScalar,
  z.null(),
  z.array(z.union([rangeEnd, z.boolean()])).min(1).max(500),
  z.strictObject({ in: z.array(tableScalar).min(1).max(500) }),
]);

/** A decision table: rows of cells over some inputs, compiled to one rule per row (see `compileTable`). */
export const decisionTableSchema = z.strictObject({
  id: ruleIdText.describe('Unique id of the table; its rows become the rules "<id>/<row index>"'),
  name: z
    .string()
    .regex(/^P-[A-Z]{2}-\d+$/, { message: schemaPhrase.policyIdOfTable })
    .describe('The policy rule id (P-…) the table encodes'),
  description: z.string().max(2000).optional(),
  decision: z.string().describe('The decision type every row makes, e.g. "bucket" or "classificationFloor"'),
  hitPolicy: z
    .enum(['unique', 'first', 'collect'])
    .describe('unique: rows may not overlap (checked); first: the first row that holds wins (rows get falling priorities); collect: every row that holds decides, as rules of this decision type do'),
  priority: z.number().int().min(1).max(10000).optional().describe('Priority of the rows (for "first": of the last row; earlier rows one more each); default 1'),
  inputs: z.array(z.string()).min(1).max(20).describe('The facts the columns test, e.g. ["dpd"]'),
  rows: z
    .array(
      z.strictObject({
        when: z.record(z.string(), tableCellSchema).describe('Per input: [min, max] (inclusive, null for open), a list or { "in": [...] } (one of), a value (equal); a missing input matches anything'),
        then: z.record(z.string(), z.unknown()).describe('The decision params, e.g. { "bucket": "M1" }'),
        description: z.string().max(2000).optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type DecisionTableInput = z.input<typeof decisionTableSchema>;

/** Builds a rule file schema around a rule schema. */
export function ruleFileSchemaWith<R extends z.ZodType>(rule: R) {
  return z.strictObject({
    $schema: z.string().optional(),
    description: z.string().max(4000).optional(),
    rules: z.array(rule).max(1000).optional().describe('Rules in json-rules-engine form'),
    tables: z.array(decisionTableSchema).max(100).optional().describe('Decision tables, compiled to rules'),
  });
}

/** A rule file: `{ "$schema"?, "description"?, "rules": [ … ] }`. */
export const ruleFileSchema = ruleFileSchemaWith(ruleSchema);
export type RuleFileInput = z.input<typeof ruleFileSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
