/**
 * zod building blocks for postloan input files. They turn boundary strings into the exact internal
 * values (fen, rates, day numbers) and report problems as postloan issues: a custom zod issue whose
 * `params` carry `{ code, hint }`, which `fromZodIssues` lifts into a `PostloanIssue`.
 *
 * Two zod behaviours shape this module:
 * - A failed `.int()` or string-format check aborts every enclosing refinement, which would hide
 *   cross-field problems; the checks here are hand-written custom issues that never abort.
 * - zod's `unrecognized_keys` issue cannot carry a hint, so {@link strictObject} reports unknown keys
 *   itself, one issue per key with a did-you-mean.
 */
import { z } from 'zod';
import type { IssueCode, PathSegment } from '../errors';
import { MONEY_RE, parseMoney, type Fen } from '../money/fen';
import { RATE_RE, parseRate, type Rate } from '../money/rate';
import { daysInMonth, parseDay, type Day } from '../time/day';
import { MAX_ID_LENGTH, UNSAFE_CHARACTERS } from '../errors/unsafeText';
import { acceptedInput } from './acceptedInput';
import { contractText as text, type IssueText } from './messages';
import { textRefOf } from '../errors/issueText';

/**
 * The refinement context zod hands to `superRefine` and `transform`.
 *
 * @example
 * ```ts
 * const check = (value: unknown, ctx: IssueSink) => report(ctx, 'input.invalid', { message: 'no' });
 * ```
 */
export type IssueSink = z.core.$RefinementCtx<unknown>;

/**
 * Records a postloan issue on a zod context. `path` is relative to the value being checked.
 *
 * @example
 * ```ts
 * z.string().superRefine((s, ctx) => {
 *   if (s === 'x') report(ctx, 'input.invalid', { message: 'no x', hint: 'write y' });
 * });
 * ```
 */
export function report(
  ctx: IssueSink,
  code: IssueCode,
  issue: IssueText,
  path: readonly PathSegment[] = [],
): void {
  ctx.addIssue({
    code: 'custom',
    message: issue.message,
    path: [...path],
    // The text's reference rides along so the issue can be printed in the user's language.
    params: { code, ...(issue.hint === undefined ? {} : { hint: issue.hint }), text: textRefOf(issue) },
  });
}

/**
 * True for a JSON object (not an array, not null).
 *
 * @example
 * ```ts
 * isRecord({}); // true
 * isRecord([]); // false
 * ```
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when `value` is a parsed day; fields that failed to parse hold a zod sentinel object instead.
 *
 * @example
 * ```ts
 * // in a strictObject refinement, where fields may have failed:
 * if (isParsedDay(value.on) && isParsedDay(value.by) && value.by < value.on) report(ctx, code, issue);
 * ```
 */
export function isParsedDay(value: unknown): value is Day {
  return typeof value === 'number' && Number.isInteger(value);
}

/**
 * True when `value` is a parsed fen amount (see {@link isParsedDay}).
 *
 * @example
 * ```ts
 * isParsedFen(1_023_617); // true
 * isParsedFen(0.5);       // false
 * ```
 */
export function isParsedFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

type Sign = 'any' | 'positive' | 'nonNegative';

const MONEY_INPUT: Readonly<Record<Sign, string>> = {
  any: 'An amount in yuan as a string with exactly two decimals, e.g. "10236.17"',
  positive: 'An amount in yuan greater than zero, as a string with exactly two decimals, e.g. "10236.17"',
  nonNegative: 'An amount in yuan, zero or more, as a string with exactly two decimals, e.g. "0.00"',
};

function money(sign: Sign) {
  const schema = z.unknown().transform((input, ctx): Fen => {
    if (typeof input !== 'string') {
      if (input === undefined) report(ctx, 'input.invalid', text.missing('the amount', '"100.00"'));
      else if (typeof input === 'number') report(ctx, 'money.number', text.moneyNumber(input));
      else report(ctx, 'money.format', text.moneyFormat(input));
      return z.NEVER;
    }
    const parsed = parseMoney(input);
    if (!parsed.ok) {
      if (parsed.reason === 'range') report(ctx, 'money.range', text.moneyRange(input));
      else report(ctx, 'money.format', text.moneyFormat(input));
      return z.NEVER;
    }
    if (sign === 'positive' && parsed.fen <= 0) {
      report(ctx, 'money.negative', text.moneyNotPositive(parsed.fen));
      return z.NEVER;
    }
    if (sign === 'nonNegative' && parsed.fen < 0) {
      report(ctx, 'money.negative', text.moneyNegative(parsed.fen));
      return z.NEVER;
    }
    return parsed.fen;
  });
  acceptedInput.set(schema, { input: z.string().regex(MONEY_RE).describe(MONEY_INPUT[sign]) });
  return schema;
}

/**
 * Money at the boundary: a yuan string with exactly two decimals (`"10236.17"`), parsed to integer
 * fen. A JSON number is refused (`money.number`), because a float cannot hold every fen exactly.
 *
 * @example
 * ```ts
 * moneyString.parse('-12.30'); // -1230
 * moneyString.safeParse(10236.17).success; // false, code 'money.number'
 * ```
 */
export const moneyString = money('any');

/**
 * {@link moneyString} that must be greater than zero (`money.negative` otherwise).
 *
 * @example
 * ```ts
 * positiveMoney.parse('0.01'); // 1
 * positiveMoney.safeParse('0.00').success; // false
 * ```
 */
export const positiveMoney = money('positive');

/**
 * {@link moneyString} that may be zero but not negative (`money.negative` otherwise).
 *
 * @example
 * ```ts
 * nonNegativeMoney.parse('0.00'); // 0
 * nonNegativeMoney.safeParse('-0.01').success; // false
 * ```
 */
export const nonNegativeMoney = money('nonNegative');

/**
 * A yearly rate as a decimal string (`"0.0435"` = 4.35 % a year), kept exact as a {@link Rate}.
 * Rates of 100 % a year or more are refused: they almost always mean a percentage was written
 * (`"4.35"`), and no lawful loan charges that much.
 *
 * @example
 * ```ts
 * rateString.parse('0.0435'); // { units: 435n, scale: 10000n, text: '0.0435' }
 * rateString.safeParse('4.35').success; // false, hint: 4.35 % a year is "0.0435"
 * ```
 */
export const rateString = z.unknown().transform((input, ctx): Rate => {
  if (input === undefined) {
    report(ctx, 'input.invalid', text.missing('the rate', '"0.0435"'));
    return z.NEVER;
  }
  const rate = typeof input === 'string' ? parseRate(input) : undefined;
  if (rate === undefined) {
    report(ctx, 'rate.format', text.rateFormat(input));
    return z.NEVER;
  }
  if (rate.units >= rate.scale) {
    report(ctx, 'rate.format', text.rateTooHigh(rate));
    return z.NEVER;
  }
  return rate;
});
acceptedInput.set(rateString, { input: z.string().regex(RATE_RE).describe('A yearly rate below 1 as a decimal string, e.g. "0.0435" for 4.35 % a year') });

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A business date `YYYY-MM-DD`, parsed to a {@link Day}. A well-formed string that is not a real
 * date (`"2026-02-30"`) gets `date.invalid`; anything else gets `date.format`.
 *
 * @example
 * ```ts
 * formatDay(isoDay.parse('2026-02-28')); // '2026-02-28'
 * isoDay.safeParse('2026-02-30').success; // false: "2026-02-30" is not a calendar date
 * ```
 */
export const isoDay = z.unknown().transform((input, ctx): Day => {
  if (input === undefined) {
    report(ctx, 'input.invalid', text.missing('the date', '"2026-02-15"'));
    return z.NEVER;
  }
  const m = typeof input === 'string' ? DATE_SHAPE.exec(input) : null;
  if (typeof input !== 'string' || m === null) {
    report(ctx, 'date.format', text.dateFormat(input));
    return z.NEVER;
  }
  const parsed = parseDay(input);
  if (parsed !== undefined) return parsed;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dayOfMonth = Number(m[3]);
  const validMonth = month >= 1 && month <= 12;
  if (validMonth && dayOfMonth >= 1 && dayOfMonth <= daysInMonth(year, month)) {
    report(ctx, 'date.invalid', text.dateOutOfRange(input));
  } else {
    report(ctx, 'date.invalid', text.dateNotInCalendar(input, year, month, validMonth ? daysInMonth(year, month) : undefined));
  }
  return z.NEVER;
});
acceptedInput.set(isoDay, { input: z.string().regex(DATE_SHAPE).describe('A date, YYYY-MM-DD, e.g. "2026-02-15"') });

/**
 * A string with at least one non-blank character (ids, names, free text).
 *
 * @example
 * ```ts
 * nonEmptyString.parse('L-2026-0001'); // 'L-2026-0001'
 * nonEmptyString.safeParse('  ').success; // false
 * ```
 */
export const nonEmptyString = z.string().superRefine((s, ctx) => {
  if (s.trim() === '') report(ctx, 'input.invalid', text.emptyText());
});
acceptedInput.set(nonEmptyString, { input: z.string().regex(/\S/) });

/**
 * An id: non-blank, at most {@link MAX_ID_LENGTH} characters, without control characters, line
 * separators or bidirectional marks (ids are echoed in messages, warnings and explanations, where
 * such characters could forge a line or reorder it).
 *
 * @example
 * ```ts
 * idString.parse('L-2026-0001'); // 'L-2026-0001'
 * idString.safeParse('L-1\n✖ forged').success; // false
 * ```
 */
export const idString = z.string().superRefine((s, ctx) => {
  if (s.trim() === '') report(ctx, 'input.invalid', text.emptyText());
  else if (s.length > MAX_ID_LENGTH) report(ctx, 'input.tooLong', text.idTooLong(s.length, MAX_ID_LENGTH));
  else if (UNSAFE_CHARACTERS.test(s)) report(ctx, 'input.controlCharacter', text.idControlCharacter());
});
acceptedInput.set(idString, { input: z.string().regex(/\S/).max(MAX_ID_LENGTH) });

/**
 * A whole number in `[min, max]`. Written by hand because zod's `.int()` aborts enclosing
 * refinements, which would hide other problems of the same file.
 *
 * @example
 * ```ts
 * integerIn(1, 480).parse(12); // 12
 * integerIn(1, 480).safeParse(1.5).success; // false
 * ```
 */
export function integerIn(min: number, max: number) {
  const schema = z.unknown().transform((input, ctx): number => {
    if (typeof input !== 'number' || !Number.isInteger(input) || input < min || input > max) {
      report(
        ctx,
        'input.invalid',
        input === undefined ? text.missing('this number', String(min === 0 ? 1 : min)) : text.notInteger(input, min, max),
      );
      return z.NEVER;
    }
    return input;
  });
  acceptedInput.set(schema, { input: z.number().int().min(min).max(max) });
  return schema;
}

/**
 * One of a fixed list of strings, with a did-you-mean hint for near misses.
 *
 * @example
 * ```ts
 * oneOf(['retail', 'corporate']).parse('retail'); // 'retail'
 * oneOf(['retail', 'corporate']).safeParse('retial').success; // false, hint: did you mean "retail"?
 * ```
 */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const schema = z.unknown().transform((input, ctx): T[number] => {
    if (typeof input === 'string' && (values as readonly string[]).includes(input)) return input;
    report(
      ctx,
      'input.invalid',
      input === undefined ? text.missing('this value', `"${values[0]}"`) : text.notOneOf(input, values),
    );
    return z.NEVER;
  });
  acceptedInput.set(schema, { input: z.enum(values) });
  return schema;
}

/**
 * Output of {@link strictObject}: the object zod's strict mode would produce, without the index
 * signature the loose object underneath carries.
 *
 * @example
 * ```ts
 * type Line = StrictOutput<{ dueOn: typeof isoDay }>; // { dueOn: Day }
 * ```
 */
export type StrictOutput<S extends z.core.$ZodLooseShape> = z.output<z.ZodObject<S, z.core.$strict>>;

/**
 * A JSON object with exactly the given keys. Unknown keys are reported one by one with a did-you-mean
 * hint (`"ammount"` → `"amount"`), together with every problem of the known keys. `refine`, if given,
 * runs cross-field checks even when some fields failed, so one pass reports everything; it sees the
 * partly parsed object and must check each value it reads (see {@link isParsedDay}).
 *
 * @example
 * ```ts
 * const guarantor = strictObject({ id: nonEmptyString });
 * guarantor.safeParse({ id: 'G-1', nmae: 'x' }); // issue at `nmae`: Unknown key, hint lists allowed keys
 * ```
 */
export function strictObject<const S extends z.core.$ZodLooseShape>(
  shape: S,
  refine?: (value: Readonly<Record<string, unknown>>, ctx: IssueSink) => void,
) {
  const known = Object.keys(shape);
  const keySet = new Set(known);
  const checked = z
    .looseObject(shape)
    .superRefine(
      (value, ctx) => {
        if (!isRecord(value)) return;
        for (const key of Object.keys(value)) {
          if (!keySet.has(key)) report(ctx, 'input.invalid', text.unknownKey(key, known), [key]);
        }
        refine?.(value, ctx);
      },
      // Run even after field errors (all problems at once), but never on a non-object input.
      { when: (payload) => isRecord(payload.value) },
    );
  // zod sees a loose object (unknown keys are reported here, with a hint); editors should see a closed one.
  acceptedInput.set(checked, { closed: true });
  return checked.transform((value) => value as StrictOutput<S>);
}

/**
 * Reports every repeated `id` in an array of objects, at the later occurrence.
 *
 * @example
 * ```ts
 * checkUniqueIds(value.guarantors, 'guarantor', 'guarantors', ctx);
 * ```
 */
export function checkUniqueIds(items: unknown, what: string, key: string, ctx: IssueSink): void {
  if (!Array.isArray(items)) return;
  const seen = new Map<string, number>();
  items.forEach((item: unknown, index) => {
    if (!isRecord(item) || typeof item.id !== 'string') return;
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, index);
    else report(ctx, 'input.invalid', text.duplicateId(what, item.id, `${key}[${first}]`), [key, index, 'id']);
  });
}
