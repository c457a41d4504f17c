/** Text helpers shared by the HTML pages (portfolio report, loan case page). */

/** A value a table cell or SVG label may show. */
export type Cell = string | number | boolean | null | undefined;

/**
 * Escapes text for HTML and SVG content and attribute values.
 *
 * @example
 * ```ts
 * esc('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 * ```
 */
export function esc(value: Cell): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Thousands separators for yuan text; `—` for `null`.
 *
 * @example
 * ```ts
 * yuan('1234567.89'); // '1,234,567.89'
 * ```
 */
export function yuan(money: string | null): string {
  if (money === null) return '—';
  const [whole = '0', fraction = '00'] = money.split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}
