/**
 * Terminal columns of a text: a CJK character (Chinese, full-width punctuation) takes two, so Chinese
 * tables and aligned values line up.
 *
 * @example
 * ```ts
 * displayWidth('逾期 M1'); // 7
 * ```
 */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}
