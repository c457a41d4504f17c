import { z } from 'zod';
import { report } from '../contract/primitives';
import { DIMENSION_NAME, FACT_NAMES, INHERITED_NAMES } from './facts';
import { packText } from './packMessages';
import { CLASSIFICATIONS, isNonPerforming } from './vocabulary';

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

/** One DPD bucket: its name and its range of days past due, `to` left out on the last (open-ended) one. */
export const bucketRangeSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]{0,31}$/, { message: 'must be 1–32 letters, digits, "_", ".", "+" or "-", e.g. "M6+"' }),
  from: z.number().int().min(0).max(36_500),
  to: z.number().int().min(0).max(36_500).optional(),
});

/**
 * `scales.buckets`: the DPD buckets, best first, as ranges that cover every DPD once: the first starts at
 * 0, each starts the day after the previous ends, only the last is open-ended.
 */
export const bucketsSchema = z
  .array(bucketRangeSchema)
  .min(1)
  .max(MAX_SCALE_VALUES)
  .superRefine((list, ctx) => {
    unique(
      list.map((b) => b.name),
      ctx,
      [],
      'buckets',
    );
    list.forEach((b, i) => {
      const expectedFrom = i === 0 ? 0 : (list[i - 1]?.to ?? Number.NaN) + 1;
      if (i === 0 && b.from !== 0) report(ctx, 'input.invalid', packText.bucketsStartAtZero(b.from), [0, 'from']);
      else if (i > 0 && list[i - 1]?.to !== undefined && b.from !== expectedFrom) report(ctx, 'input.invalid', packText.bucketGapOrOverlap(b.name, b.from, expectedFrom), [i, 'from']);
      if (b.to !== undefined && b.to < b.from) report(ctx, 'input.invalid', packText.bucketEndsBeforeStart(b.name, b.from, b.to), [i, 'to']);
      const last = i === list.length - 1;
      if (last && b.to !== undefined) report(ctx, 'input.invalid', packText.lastBucketClosed(b.name), [i, 'to']);
      if (!last && b.to === undefined) report(ctx, 'input.invalid', packText.bucketOpenBeforeLast(b.name), [i, 'to']);
    });
  })
  .describe('DPD buckets, best first: { "name", "from", "to" } ranges of days past due from 0, contiguous, the last without "to"');

/**
 * `scales.classification`: the tiers best to worst, and which are non-performing (a tail of the tiers:
 * every tier worse than a non-performing one is non-performing too).
 */
export const classificationScaleSchema = z
  .strictObject({
    tiers: z.array(scaleValueText).min(2).max(MAX_SCALE_VALUES).describe('The tiers, best to worst; the first is that of a new loan'),
    nonPerforming: z.array(scaleValueText).min(1).max(MAX_SCALE_VALUES).describe('The non-performing tiers: the worst ones, a tail of "tiers"; kept until an upgrade permit holds'),
  })
  .superRefine((c, ctx) => {
    unique(c.tiers, ctx, ['tiers'], 'tiers');
    unique(c.nonPerforming, ctx, ['nonPerforming'], 'nonPerforming');
    c.nonPerforming.forEach((t, i) => {
      if (!c.tiers.includes(t)) report(ctx, 'input.invalid', packText.notATier(t, c.tiers), ['nonPerforming', i]);
    });
    const tail = c.tiers.slice(c.tiers.length - new Set(c.nonPerforming).size);
    if (c.nonPerforming.every((t) => c.tiers.includes(t)) && !tail.every((t) => c.nonPerforming.includes(t))) {
      report(ctx, 'input.invalid', packText.nonPerformingNotTail(tail), ['nonPerforming']);
    }
    if (c.nonPerforming.includes(c.tiers[0] as string)) report(ctx, 'input.invalid', packText.firstTierNonPerforming(c.tiers[0] as string), ['nonPerforming']);
  });

/**
 * `pack.json` `"scales"`: the pack's own scales. Without it a pack has cn-default's buckets and
 * classification and no dimension; an extending pack inherits its parent's and may add dimensions.
 */
export const scalesSchema = z.strictObject({
  buckets: bucketsSchema.optional(),
  classification: classificationScaleSchema.optional(),
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
  /** DPD buckets, best first, contiguous from 0; the last has no `to`. */
  readonly buckets: readonly BucketRange[];
  readonly classification: ClassificationScale;
  /** In declaration order: the base pack's first, then those each extending pack adds. */
  readonly dimensions: readonly DimensionScale[];
  /** Whether the pack (or one it extends) declares `buckets` / `classification` itself, rather than cn-default's. */
  readonly declared: { readonly buckets: boolean; readonly classification: boolean };
}

/**
 * A DPD bucket of a loaded pack.
 *
 * @example
 * ```ts
 * const m1: BucketRange = { name: 'M1', from: 1, to: 30 };
 * ```
 */
export interface BucketRange {
  readonly name: string;
  readonly from: number;
  readonly to?: number;
}

/**
 * The classification scale of a loaded pack.
 *
 * @example
 * ```ts
 * CN_CLASSIFICATION.nonPerforming; // ['substandard', 'doubtful', 'loss']
 * ```
 */
export interface ClassificationScale {
  readonly tiers: readonly string[];
  readonly nonPerforming: readonly string[];
}

/**
 * cn-default's DPD buckets as ranges: what a pack that declares none has.
 *
 * @example
 * ```ts
 * CN_BUCKETS[1]; // { name: 'M1', from: 1, to: 30 }
 * ```
 */
export const CN_BUCKETS: readonly BucketRange[] = Object.freeze([
  { name: 'M0', from: 0, to: 0 },
  { name: 'M1', from: 1, to: 30 },
  { name: 'M2', from: 31, to: 60 },
  { name: 'M3', from: 61, to: 90 },
  { name: 'M4', from: 91, to: 120 },
  { name: 'M5', from: 121, to: 150 },
  { name: 'M6', from: 151, to: 180 },
  { name: 'M6+', from: 181 },
]);

/**
 * cn-default's five tiers (P-CL-1): what a pack that declares no classification has.
 *
 * @example
 * ```ts
 * CN_CLASSIFICATION.tiers[0]; // 'pass'
 * ```
 */
export const CN_CLASSIFICATION: ClassificationScale = Object.freeze({ tiers: CLASSIFICATIONS, nonPerforming: CLASSIFICATIONS.filter((c) => isNonPerforming(c)) });

/** The scales of a pack that declares none: cn-default's buckets and tiers, no dimension. */
export const NO_SCALES: PackScales = Object.freeze({ buckets: CN_BUCKETS, classification: CN_CLASSIFICATION, dimensions: Object.freeze([]), declared: { buckets: false, classification: false } });

/**
 * The bucket whose range holds `dpd`.
 *
 * @example
 * ```ts
 * bucketForDpd(CN_BUCKETS, 45).name; // 'M2'
 * ```
 */
export function bucketForDpd(buckets: readonly BucketRange[], dpd: number): BucketRange {
  for (const b of buckets) if (b.to === undefined || dpd <= b.to) return b;
  return buckets[buckets.length - 1] as BucketRange;
}

/**
 * Whether `tier` is non-performing on `scale`.
 *
 * @example
 * ```ts
 * tierIsNonPerforming(CN_CLASSIFICATION, 'doubtful'); // true
 * ```
 */
export function tierIsNonPerforming(scale: ClassificationScale, tier: string): boolean {
  return scale.nonPerforming.includes(tier);
}

/**
 * The rank of `tier` on `scale`: 0 is the best tier, a higher rank is worse.
 *
 * @example
 * ```ts
 * tierRank(CN_CLASSIFICATION, 'loss'); // 4
 * ```
 */
export function tierRank(scale: ClassificationScale, tier: string): number {
  return scale.tiers.indexOf(tier);
}

/**
 * The worse of two tiers on `scale`.
 *
 * @example
 * ```ts
 * worseTier(CN_CLASSIFICATION, 'pass', 'doubtful'); // 'doubtful'
 * ```
 */
export function worseTier(scale: ClassificationScale, a: string, b: string): string {
  return tierRank(scale, a) >= tierRank(scale, b) ? a : b;
}

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
