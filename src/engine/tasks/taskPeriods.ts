import { addDays, addMonths, fromCivil, toCivil, type Day } from '../../time/day';

// Calendar periods (month, quarter, half-year, year) that period-end task anchors count.

const PERIOD_MONTHS = { monthEnd: 1, quarterEnd: 3, halfYearEnd: 6, yearEnd: 12 } as const;
/** A period-end task anchor. */
export type PeriodAnchor = keyof typeof PERIOD_MONTHS;

/** Whether a task anchor is a period end. */
export function isPeriodAnchor(a: string): a is PeriodAnchor {
  return a in PERIOD_MONTHS;
}

/** The k-th period end (k = 0 is the period containing `from`), and its first day. */
export function periodOf(anchor: PeriodAnchor, from: Day, k: number): { start: Day; end: Day; label: string } {
  const len = PERIOD_MONTHS[anchor];
  const { year, month } = toCivil(from);
  const index = Math.floor((year * 12 + month - 1) / len) + k;
  const startMonth = index * len;
  const y = Math.floor(startMonth / 12);
  const m = startMonth - y * 12 + 1;
  const start = fromCivil(y, m, 1) as Day;
  const end = addDays(addMonths(start, len), -1);
  const label =
    anchor === 'monthEnd' ? `${y}-${String(m).padStart(2, '0')}` : anchor === 'quarterEnd' ? `${y}-Q${(m + 2) / 3}` : anchor === 'halfYearEnd' ? `${y}-H${m === 1 ? 1 : 2}` : `${y}`;
  return { start, end, label };
}
