/**
 * The number written by `count` ASCII digits of `text` from `at` (what `\d{count}` matches in a
 * pattern without the `u` flag); −1 if any of them is not a digit or lies past the end. Dates and
 * timestamps are read with it character by character: a regular expression's match array and
 * `Number()` of each group cost several times more, on every date of every history.
 *
 * @example
 * ```ts
 * asciiDigits('2026-04-20', 5, 2); // 4
 * asciiDigits('2026-4-20', 5, 2);  // -1
 * ```
 */
export function asciiDigits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    // NaN past the end fails this test too.
    if (!(digit >= 0 && digit <= 9)) return -1;
    n = n * 10 + digit;
  }
  return n;
}
