/**
 * The texts about a business calendar in Chinese (`calendarText` in `time/calendarMessages.ts`).
 */
import type { calendarText } from '../../time/calendarMessages';
import type { Translation } from '../../errors/issueText';
import { FIRST_INPUT_DAY, LAST_INPUT_DAY } from '../../time/day';

const WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;

/**
 * `calendarText` in Chinese.
 *
 * @example
 * ```ts
 * calendarZh.listedTwice('2026-10-01', 'holidays', 'holidays[3]').hint; // '请删除重复项'
 * ```
 */
export const calendarZh: Translation<typeof calendarText> = {
  badDate: (text, problem) => ({
    message: problem === 'shape' ? `"${text}" 不是 YYYY-MM-DD 格式的日期` : `"${text}" ${problem === 'range' ? `超出支持的日期范围 ${FIRST_INPUT_DAY} 至 ${LAST_INPUT_DAY}` : '不是真实存在的日期'}`,
    hint: problem === 'shape' ? '请按 YYYY-MM-DD 填写并补足前导零，例如 "2026-02-03"' : problem === 'range' ? '请检查年份' : '请检查月份和日期',
  }),
  coverageReversed: (from, to) => ({ message: `coverage.from（${from}）晚于 coverage.to（${to}）`, hint: '请对调两个日期' }),
  listedTwice: (day, list, earlier) => ({ message: `${day} 在 "${list}" 中重复列出（另见 ${earlier}）`, hint: '请删除重复项' }),
  outsideCoverage: (day, from, to) => ({ message: `${day} 超出日历覆盖范围 ${from} 至 ${to}`, hint: '请扩大 "coverage" 以包含该日期，或删除该日期' }),
  workdayOnWeekday: (day, isoWeekday) => ({
    message: `${day} 是${WEEKDAYS[isoWeekday - 1] ?? ''}，本来就是工作日`,
    hint: '"workdays" 中只列调休上班的星期六、星期日；请删除或核对该日期',
  }),
  holidayAndWorkday: (day, clash) => ({ message: `${day} 同时被列为节假日（${clash}）和工作日`, hint: '该日期只能出现在 "holidays" 或 "workdays" 之一' }),
  notCovered: (day, id, from, to) => ({
    message: `日期 ${day} 超出营业日历 "${id}" 的覆盖范围（${from} 至 ${to}）`,
    hint: '请在日历数据中补充该年份、接入自有日历，或在 pack.json 中设置 "calendarFallback": "weekends"，按周一至周五计算工作日（会记录一条警告）',
  }),
};
