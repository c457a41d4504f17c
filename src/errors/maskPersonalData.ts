/**
 * Personal data never leaves postloan unmasked (P-CT-3). Everything the library prints that can quote a
 * user's free text — error messages and hints, and the free-text reasons a replay echoes — goes through
 * this function. It masks what looks like personal data; ids chosen by the lender (loan, event, agency
 * ids) are the lender's to keep free of personal data.
 *
 * - Mainland mobile numbers: `13812345678` → `138****5678`.
 * - 18-digit resident identity numbers: `110101199003074512` → `110101********4512`.
 * - Street addresses: a road name with its number (`建国路8号`, `天河路385号`, `1201室`) → `***`.
 *
 * @example
 * ```ts
 * maskPersonalData('call 13812345678'); // 'call 138****5678'
 * ```
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(/(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g, '$1********$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/[\u4e00-\u9fa5]{1,12}(?:大道|路|街|巷|弄|胡同)[\d一二三四五六七八九十零〇\-—]*(?:号|弄)?(?:[\d\-]+(?:栋|幢|单元|室|楼))*/g, '***')
    .replace(/\d+(?:栋|幢|单元|室)/g, '***');
}
