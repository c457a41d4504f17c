import type { z } from 'zod';

/**
 * What a boundary schema accepts, stated so that a JSON Schema can show it.
 *
 * The building blocks of `primitives.ts` take `unknown` and word every problem themselves (a JSON number
 * for money gets "write it as a string"), and `strictObject` reports unknown keys itself on a loose
 * object. zod therefore sees no shape in them: its JSON Schema would be `{}`. Each registers here what it
 * accepts, and `jsonSchemas()` (src/rules/jsonSchemas.ts) describes it with that instead. Parsing never
 * reads this registry.
 *
 * @example
 * ```ts
 * acceptedInput.get(isoDay)?.input; // z.string().regex(/^(\d{4})-(\d{2})-(\d{2})$/)
 * ```
 */
export interface AcceptedInput {
  /** The input the schema accepts, as a zod schema JSON Schema can represent (it may accept more than the parser). */
  readonly input?: z.ZodType;
  /** An object that refuses unknown keys. */
  readonly closed?: true;
}

/**
 * The registry of {@link AcceptedInput}, keyed by the boundary schema it describes. A plain WeakMap:
 * a `z.registry` would map its metadata type through every member of `z.ZodType`, which makes
 * type-checking take minutes.
 *
 * @example
 * ```ts
 * const day = z.unknown().transform(parseDayOrReport);
 * acceptedInput.set(day, { input: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
 * ```
 */
export const acceptedInput = new WeakMap<z.core.$ZodType, AcceptedInput>();
