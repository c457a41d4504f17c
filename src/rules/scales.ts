import { z } from 'zod';
import { report } from '../contract/primitives';
import { DIMENSION_NAME, FACT_NAMES, INHERITED_NAMES } from './facts';
import { packText } from './packMessages';

/**
 * At most this many dimensions in a pack (its own and those it inherits): each is evaluated on every
 * evaluation of every loan.
 *
 * @example
 * ```ts
 * MAX_DIMENSIONS; // 16
 * ```
 */
export const MAX_DIMENSIONS = 16;

/**
 * At most this many values in a scale (a dimension's values, the classification's tiers, the buckets).
 *
 * @example
 * ```ts
 * MAX_SCALE_VALUES; // 32
 * ```
 */
export const MAX_SCALE_VALUES = 32;

const scaleValueText = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]{0,31}$/, {
  message: 'must be 1–32 letters, digits, "_", ".", "+" or "-", starting with a letter or digit, e.g. "stage2"',
});

/** Every item of `list` at most once: a duplicate is reported at its position under `at`. */
function unique(list: readonly string[], ctx: z.RefinementCtx, at: readonly (string | number)[], what: string): void {
  list.forEach((v, i) => {
    const first = list.indexOf(v);
    if (first !== i) report(ctx, 'input.invalid', packText.scaleValueTwice(what, v, first), [...at, i]);
  });
}

/**
 * One dimension of `scales.dimensions`: its values best to worst (the first is the initial one), the
 * values kept until an upgrade permit holds, and what it means.
 */
export const dimensionSchema = z
  .strictObject({
    values: z.array(scaleValueText).min(1).max(MAX_SCALE_VALUES).describe('The values, best to worst; the first is the value of a new loan and of one no floor holds for'),
    sticky: z
      .array(scaleValueText)
      .max(MAX_SCALE_VALUES)
      .optional()
      .describe('Values that, once reached, are kept (never improved) until a rule { "type": "permit", "params": { "action": "upgrade", "dimension": … } } holds'),
    description: z.string().max(500).optional(),
  })
  .superRefine((d, ctx) => {
    unique(d.values, ctx, ['values'], 'values');
    unique(d.sticky ?? [], ctx, ['sticky'], 'sticky');
    (d.sticky ?? []).forEach((v, i) => {
      if (!d.values.includes(v)) report(ctx, 'input.invalid', packText.stickyNotAValue(v, d.values), ['sticky', i]);
    });
  });

/** `scales.dimensions`: further ordered scales rules set with floors, by name. */
export const dimensionsSchema = z
  .record(
    z.string().regex(DIMENSION_NAME, { message: 'must be a camelCase name of at most 32 letters and digits, e.g. "stage"' }),
    dimensionSchema,
  )
  .superRefine((dims, ctx) => {
    const names = Object.keys(dims);
    if (names.length > MAX_DIMENSIONS) report(ctx, 'input.invalid', packText.tooManyDimensions(names.length, MAX_DIMENSIONS));
    for (const name of names) {
      if ((FACT_NAMES as readonly string[]).includes(name)) report(ctx, 'input.invalid', packText.dimensionIsFact(name), [name]);
      else if (INHERITED_NAMES.includes(name)) report(ctx, 'input.invalid', packText.dimensionReserved(name), [name]);
    }
  })
  .describe('Further ordered scales (e.g. an IFRS 9 "stage"), set by rules { "type": "floor", "params": { "dimension", "value" } } and read by rules as a fact of the same name');

/**
 * `pack.json` `"scales"`: the pack's own scales. Without it a pack has cn-default's buckets and
 * classification and no dimension; an extending pack inherits its parent's and may add dimensions.
 */
export const scalesSchema = z.strictObject({
  dimensions: dimensionsSchema.optional(),
});
export type ScalesInput = z.output<typeof scalesSchema>;

/**
 * A dimension of a loaded pack: its name and values best to worst (the first is the initial value), the
 * sticky ones, and its description.
 *
 * @example
 * ```ts
 * const stage: DimensionScale = { name: 'stage', values: ['stage1', 'stage2', 'stage3'], sticky: ['stage3'] };
 * ```
 */
export interface DimensionScale {
  readonly name: string;
  readonly values: readonly string[];
  readonly sticky: readonly string[];
  readonly description?: string;
}

/**
 * The scales of a loaded pack.
 *
 * @example
 * ```ts
 * pack.scales.dimensions.map((d) => d.name); // ['stage']
 * ```
 */
export interface PackScales {
  /** In declaration order: the base pack's first, then those each extending pack adds. */
  readonly dimensions: readonly DimensionScale[];
}

/** The scales of a pack that declares none: no dimension. */
export const NO_SCALES: PackScales = Object.freeze({ dimensions: Object.freeze([]) });

/**
 * The dimension of `scales` named `name`, or undefined (own names only, never the prototype's).
 *
 * @example
 * ```ts
 * dimensionNamed(pack.scales, 'stage')?.values; // ['stage1', 'stage2', 'stage3']
 * ```
 */
export function dimensionNamed(scales: PackScales, name: string): DimensionScale | undefined {
  return scales.dimensions.find((d) => d.name === name);
}

/**
 * The worse of two values of a dimension (later in `values` is worse).
 *
 * @example
 * ```ts
 * worseValue(stage, 'stage1', 'stage3'); // 'stage3'
 * ```
 */
export function worseValue(dimension: DimensionScale, a: string, b: string): string {
  return dimension.values.indexOf(a) >= dimension.values.indexOf(b) ? a : b;
}
