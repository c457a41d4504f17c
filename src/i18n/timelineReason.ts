import type { ReplayOutput, TimelineEntry } from '../engine/output';
import type { Catalogue } from './catalogue';
import { catalogueFor } from './catalogueFor';
import type { Locale } from './locale';
import { DEFAULT_CURRENCY } from '../contract/currency';

/**
 * The sentence that says what a timeline entry records and why, in a locale: built only from the
 * entry's machine fields (states, buckets, amounts, task kinds, dates) and ending with the policy ids
 * that decided it; amounts are labelled in `currency` (the loan's, CNY by default). Free texts the engine writes in English (a cancelled task's or rejected event's
 * `reason`, a warning's `message`) are quoted as they are.
 *
 * @example
 * ```ts
 * timelineReason({ on: '2026-03-16', kind: 'bucketChanged', from: 'M0', to: 'M1', ruleIds: ['P-LC-2'], rules: ['bucket-M1'], inputs: { dpd: 1 } }, 'zh-CN');
 * // '逾期档位由 M0 调整为 M1（逾期 1 天）（依据 P-LC-2）'
 * ```
 */
export function timelineReason(entry: TimelineEntry, locale: Locale, currency: string = DEFAULT_CURRENCY): string {
  const c = catalogueFor(locale);
  return `${timelineSentence(entry, c, currency)}${entry.ruleIds.length === 0 ? '' : c.basis(entry.ruleIds)}`;
}

/**
 * {@link timelineReason} without the policy ids, for pages that show them in a column of their own.
 *
 * @example
 * ```ts
 * timelineSentence(entry, catalogueFor('zh-CN')); // '逾期档位由 M0 调整为 M1（逾期 1 天）'
 * ```
 */
export function timelineSentence(entry: TimelineEntry, cat: Catalogue, currency: string = DEFAULT_CURRENCY): string {
  // The table is keyed by kind, so the entry always fits its own kind's function.
  const say = cat.reason[entry.kind] as (e: TimelineEntry, c: Catalogue, unit: string) => string;
  return say(entry, cat, cat.currencyUnit(currency));
}

/** A timeline entry with its sentence: `replay --reasons`. */
export type ReasonedEntry = TimelineEntry & { readonly reasonText: string };

/** A replay output whose timeline entries carry `reasonText`. */
export type ReasonedOutput = Omit<ReplayOutput, 'timeline'> & { readonly timeline: readonly ReasonedEntry[] };

/**
 * The output with a `reasonText` appended to every timeline entry (`postloan replay --reasons`). The
 * key is not `reason`: three kinds already carry a machine `reason`. Every other field and the key order
 * stay as they are, so removing `reasonText` gives back the output byte for byte.
 *
 * @example
 * ```ts
 * const out = withReasons(replay(history, pack, { asOf }), 'zh-CN');
 * out.timeline[0].reasonText; // '生成任务：押品重估（押品 C-1），2027-01-15 到期（依据 P-CO-1）'
 * ```
 */
export function withReasons(output: ReplayOutput, locale: Locale): ReasonedOutput {
  return { ...output, timeline: output.timeline.map((e) => ({ ...e, reasonText: timelineReason(e, locale, output.currency) })) };
}
