/**
 * The key a dialled number is counted under for the calls-a-day limit (P-CS-11): the same number
 * written four ways (`138 1234 5678`, `138-1234-5678`, `+86 13812345678`, `0086-138-1234-5678`) is
 * one number. Spaces, dashes, dots and parentheses are dropped, and the country prefix `+86`, `0086`
 * or `86` of a mainland number is removed (a landline dialled from abroad gets its trunk `0` back,
 * `+86 10 6512 3456` → `01065123456`). Anything else (a masked number `138****5678`, a foreign number) keeps its other
 * characters, so distinct numbers stay distinct.
 *
 * @example
 * ```ts
 * normalizePhoneNumber('+86 138-1234-5678'); // '13812345678'
 * normalizePhoneNumber('(010) 6512 3456');   // '01065123456'
 * ```
 */
export function normalizePhoneNumber(number: string): string {
  const compact = number.replace(/[\s\-.()\u00a0]/g, '');
  const rest = /^(?:\+86|0086|86)(\d{9,12})$/.exec(compact)?.[1];
  if (rest === undefined) return compact;
  // A mobile number as it is; a landline dialled from abroad without its trunk 0 gets it back.
  return /^1[3-9]\d{9}$/.test(rest) || rest.startsWith('0') ? rest : `0${rest}`;
}
