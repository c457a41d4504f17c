import { z } from 'zod';

/**
 * Types a pack may declare for an attribute: what the value at `$.<name>` is.
 *
 * @example
 * ```ts
 * ATTRIBUTE_TYPES.includes('object'); // true: "dealer": "object" lets rules read "$.dealer.id"
 * ```
 */
export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'object', 'array'] as const;
/**
 * Types a pack may declare for an observation: observation values are scalars.
 *
 * @example
 * ```ts
 * OBSERVATION_TYPES; // ['string', 'number', 'boolean']
 * ```
 */
export const OBSERVATION_TYPES = ['string', 'number', 'boolean'] as const;
/**
 * One of {@link ATTRIBUTE_TYPES}.
 *
 * @example
 * ```ts
 * const t: AttributeType = 'string';
 * ```
 */
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];
/**
 * One of {@link OBSERVATION_TYPES}.
 *
 * @example
 * ```ts
 * const t: ObservationType = 'number';
 * ```
 */
export type ObservationType = (typeof OBSERVATION_TYPES)[number];

const dataName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'must be a name of letters, digits and "_", starting with a letter, e.g. "bureauScore"' });
const operatorName = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, { message: 'must be an operator name of letters and digits, e.g. "startsWith"' });

/** `pack.json` `"requires"`: what the host program must provide for the pack to load. */
export const packRequirementsSchema = z.strictObject({
  operators: z.array(operatorName).max(100).optional().describe('Custom operators the host registers with loadPack(dir, { operators }); without them the pack is refused'),
});

/** `pack.json` `"attributes"`: the contract attributes the pack's rules expect, by name, with their type. */
export const attributeDeclarationsSchema = z
  .record(dataName, z.enum(ATTRIBUTE_TYPES))
  .describe('Contract attributes (loan.attributes) the rules read, with their types; when given, a rule reading any other is refused and a history giving another gets a warning');
/** `pack.json` `"observations"`: the observation names the pack's rules expect, with their type. */
export const observationDeclarationsSchema = z
  .record(dataName, z.enum(OBSERVATION_TYPES))
  .describe('Observation names (observation events) the rules read, with their types; when given, a rule reading any other is refused and an observation of another name gets a warning');

/**
 * What a pack declares about the data its rules read, merged along its `extends` chain (each pack adds to
 * what it extends). `undefined` for a kind the pack does not declare: any name is then accepted.
 *
 * @example
 * ```ts
 * const d: DataDeclarations = { attributes: { product: 'string' }, observations: undefined };
 * ```
 */
export interface DataDeclarations {
  readonly attributes: Readonly<Record<string, AttributeType>> | undefined;
  readonly observations: Readonly<Record<string, ObservationType>> | undefined;
}

/** The JSON type of a value as declarations name it; `null` and other values are 'null'. */
export function jsonTypeOf(value: unknown): AttributeType | 'null' {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return typeof value as 'string' | 'number' | 'boolean';
  return value !== null && typeof value === 'object' ? 'object' : 'null';
}
