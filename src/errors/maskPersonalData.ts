import type { PostloanIssue } from './PostloanIssue';
import { reissue } from './issueText';

/** Separators people write inside a phone number: a space, a dash, a dot. */
const SEP = '[ \\-.\\u00a0]?';
/** Country prefix of a mainland number as written: `+86`, `86`, `0086`, `(+86)`, with an optional separator. */
const CN_PREFIX = `(?:(?:\\+|00)?86${SEP}|\\(\\+?86\\)${SEP})?`;
const MOBILE = new RegExp(`(?<![\\d+])(${CN_PREFIX}1[3-9]\\d)${SEP}\\d{4}${SEP}(\\d{4})(?!\\d)`, 'g');
/** 18-digit resident identity numbers (the last may be X), and the older 15-digit ones. */
const ID_18 = /(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g;
const ID_15 = /(?<![\dA-Za-z])(\d{6})\d{6}(\d{3})(?![\dA-Za-z])/g;

/**
 * Personal data never leaves postloan unmasked (P-CT-3). Everything the library prints that can quote a
 * user's free text — error messages and hints, error lines of batches, reports and diffs, explanations
 * and the free-text reasons a replay echoes — goes through this function. It masks what looks like
 * personal data; ids chosen by the lender (loan, event, agency ids) are the lender's to keep free of
 * personal data.
 *
 * - Mainland mobile numbers, however written: `13812345678`, `138 1234 5678`, `138-1234-5678`,
 *   `+8613812345678`, `+86 138 1234 5678`, `0086 13812345678`, `(+86)13812345678` → the prefix and
 *   the first three and last four digits kept, `138****5678`.
 * - Resident identity numbers: 18 digits (the last may be `X`) → `110101********4512`; the older 15
 *   digits → `110101******451`.
 * - Street addresses: a road name with its number (`建国路8号`, `天河路385号`, `1201室`) → `***`.
 *
 * @example
 * ```ts
 * maskPersonalData('call 13812345678');      // 'call 138****5678'
 * maskPersonalData('call +86 138 1234 5678'); // 'call +86 138****5678'
 * ```
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(MOBILE, '$1****$2')
    .replace(ID_18, '$1********$2')
    .replace(ID_15, '$1******$2')
    .replace(/[\u4e00-\u9fa5]{1,12}(?:大道|路|街|巷|弄|胡同)[\d一二三四五六七八九十零〇\-—]*(?:号|弄)?(?:[\d\-]+(?:栋|幢|单元|室|楼))*/g, '***')
    .replace(/\d+(?:栋|幢|单元|室)/g, '***');
}

/**
 * Issues with {@link maskPersonalData} applied to their message and hint: for every boundary that
 * hands issues on as data (batch error lines, report and diff errors) rather than printing them.
 *
 * @example
 * ```ts
 * maskIssues([{ code: 'input.invalid', path: 'events[0].at', message: 'got "13812345678"' }])[0].message; // 'got "138****5678"'
 * ```
 */
export function maskIssues(issues: readonly PostloanIssue[]): PostloanIssue[] {
  return issues.map((i) => reissue(i, { message: maskPersonalData(i.message), ...(i.hint === undefined ? {} : { hint: maskPersonalData(i.hint) }) }));
}
