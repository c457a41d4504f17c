import { z } from 'zod';
import type { PathSegment } from '../errors';
import { formatMoney, MAX_FEN, type Fen } from '../money/fen';
import type { Day } from '../time/day';
import { contractText as text } from './messages';
import { isParsedDay, isRecord, isoDay, nonNegativeMoney, report, strictObject, type IssueSink } from './primitives';

/**
 * One instalment of a schedule written out in an input file: what falls due on which day.
 *
 * @example
 * ```ts
 * const line: ExplicitInstalment = { dueOn: day('2026-04-15'), principal: 100_000, interest: 4_500 };
 * ```
 */
export interface ExplicitInstalment {
  readonly dueOn: Day;
  readonly principal: Fen;
  readonly interest: Fen;
}

/**
 * One `{ "dueOn", "principal", "interest" }` line of an explicit schedule (a loan's `schedule`, or a
 * restructure's new schedule). Amounts may be zero (a grace month) but not negative.
 *
 * @example
 * ```ts
 * explicitInstalmentSchema.parse({ dueOn: '2026-02-15', principal: '1000.00', interest: '43.50' });
 * // { dueOn: <Day 2026-02-15>, principal: 100000, interest: 4350 }
 * ```
 */
export const explicitInstalmentSchema = strictObject({
  dueOn: isoDay,
  principal: nonNegativeMoney,
  interest: nonNegativeMoney,
}).transform((v): ExplicitInstalment => ({ dueOn: v.dueOn, principal: v.principal, interest: v.interest }));

/**
 * An explicit schedule: a list of {@link explicitInstalmentSchema} lines. Ordering and sums depend on
 * the surrounding object, so they are checked by {@link checkExplicitSchedule}, not here.
 *
 * @example
 * ```ts
 * explicitScheduleSchema.parse([{ dueOn: '2026-02-15', principal: '1000.00', interest: '0.00' }]).length; // 1
 * ```
 */
export const explicitScheduleSchema = z.array(explicitInstalmentSchema);

/**
 * Cross-field checks of a partly parsed explicit schedule: at least one line, due dates strictly
 * increasing and after `start`. Returns the principal total when every line's principal parsed, so
 * the caller can compare it with what the schedule must repay.
 *
 * @example
 * ```ts
 * // inside a strictObject refinement of a loan:
 * const total = checkExplicitSchedule(value.schedule, disbursedOn, 'disbursedOn', ctx, ['schedule']);
 * ```
 */
export function checkExplicitSchedule(
  lines: unknown,
  start: Day | undefined,
  startName: string,
  ctx: IssueSink,
  path: readonly PathSegment[],
): bigint | undefined {
  if (!Array.isArray(lines)) return undefined;
  if (lines.length === 0) {
    report(ctx, 'contract.schedule', text.emptySchedule(), path);
    return undefined;
  }
  let previous: Day | undefined;
  let total: bigint | undefined = 0n;
  // Principal and interest over all lines: a schedule above MAX_FEN would overflow safe-integer fen
  // once its lines fall due (balances, penalties), so it is refused here, at the line that crosses.
  let sum = 0n;
  let tooLarge = false;
  lines.forEach((line: unknown, index) => {
    const dueOn = isRecord(line) ? line.dueOn : undefined;
    const principal = isRecord(line) ? line.principal : undefined;
    const interest = isRecord(line) ? line.interest : undefined;
    total = total !== undefined && typeof principal === 'number' ? total + BigInt(principal) : undefined;
    for (const [field, amount] of [['principal', principal], ['interest', interest]] as const) {
      if (tooLarge || typeof amount !== 'number') continue;
      sum += BigInt(amount);
      if (sum > BigInt(MAX_FEN)) {
        tooLarge = true;
        report(ctx, 'money.range', text.scheduleTooLarge(index + 1, formatMoney(MAX_FEN)), [...path, index, field]);
      }
    }
    if (!isParsedDay(dueOn)) return;
    if (previous !== undefined && dueOn <= previous) {
      report(
        ctx,
        'contract.schedule',
        text.scheduleNotIncreasing(dueOn, previous),
        [...path, index, 'dueOn'],
      );
    } else if (previous === undefined && start !== undefined && dueOn <= start) {
      report(ctx, 'contract.schedule', text.scheduleNotAfterStart(dueOn, start, startName), [...path, index, 'dueOn']);
    }
    previous = dueOn;
  });
  return total;
}
