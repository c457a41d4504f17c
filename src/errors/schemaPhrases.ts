/**
 * The sentences rule-pack and calendar schemas give zod for their own checks (regex and refinement
 * messages). Named here so each has a translation (`schemaPhrasesZh`); a schema never writes one inline.
 */

/**
 * Schema messages by name. Those starting with "must" are predicates: `zodMessage` puts the path before them.
 *
 * @example
 * ```ts
 * z.string().regex(/^P-[A-Z]{2}-\d+$/, { message: schemaPhrase.policyId });
 * ```
 */
export const schemaPhrase = {
  isoDate: 'A date must be written YYYY-MM-DD, e.g. "2026-01-01"',
  semver: 'A version must be three numbers separated by dots, e.g. "1.0.0" (semantic versioning)',
  policyId: 'must be a policy rule id, e.g. "P-LC-2"',
  ruleId: 'must be a short identifier unique in the pack, e.g. "bucket-M1"',
  packId: 'A pack id is lower-case letters, digits and dashes, e.g. "cn-default"',
  jsonFileName: 'must be a .json file name inside the pack directory',
  policyIdOfRule: 'must be the policy rule id this rule encodes, e.g. "P-LC-2"',
  policyIdOfTable: 'must be the policy rule id this table encodes, e.g. "P-LC-2"',
  disabledRulesWithoutExtends: '"disabledRules" drops rules of an extended pack, but this pack extends none',
  disabledRulesWithoutExtendsHint: 'remove the ids from the rule files instead, or add "extends"',
  taskKindName: 'A task kind is a camelCase name, e.g. "maturityNotice"',
  anchorEventNeedsType: 'anchor "event" needs the event type, e.g. "event": "materialEvent"',
  eventOnlyForEventAnchor: '"event" and "match" are only for anchor "event"',
  skipOnlyForPeriods: '"skipIfDisbursedWithin" is only for period anchors (monthEnd, quarterEnd, halfYearEnd, yearEnd)',
  periodStartOnlyForPeriods: '"opens": "periodStart" is only for period anchors',
  threeComponents: 'name the three components "penalty", "interest" and "principal", each once',
  quietFrom: 'a time written HH:MM, e.g. "22:00"',
  quietTo: 'a time written HH:MM, e.g. "08:00"',
  calendarIdEmpty: 'The calendar id must not be empty',
} as const;

export type SchemaPhrase = keyof typeof schemaPhrase;
