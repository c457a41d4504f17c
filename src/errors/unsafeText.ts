/**
 * Characters that can forge or hide output when printed: C0 and C1 controls (newline, carriage
 * return, escape sequences), the Unicode line and paragraph separators, and the bidirectional
 * overrides, embeddings, isolates and marks that reorder what a terminal shows.
 */
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
const UNSAFE_GLOBAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Longest id postloan accepts (loan, event, borrower, contact, guarantor, collateral ids). */
export const MAX_ID_LENGTH = 128;

/**
 * Text from user input made safe to print on one line: every character of {@link UNSAFE_CHARACTERS}
 * written as a visible `\uXXXX` escape, so no input can start a new line of a message or reorder it.
 *
 * @example
 * ```ts
 * escapeUnsafe('L-1\n✖ forged'); // 'L-1\\u000a✖ forged'
 * ```
 */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_GLOBAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * At most `max` characters of `text`, with `…` when it was cut: echoed input stays short.
 *
 * @example
 * ```ts
 * shorten('x'.repeat(500), 10); // 'xxxxxxxxxx…'
 * ```
 */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
