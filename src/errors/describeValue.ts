import { escapeUnsafe, shorten } from './unsafeText';

/** Longest string a message quotes whole. */
const MAX_QUOTED = 80;

/**
 * How a JSON value is named in messages ("the number 12", "\"x\"", "an array"): one wording for every
 * message of the library.
 *
 * @example
 * ```ts
 * describeValue(12);        // 'the number 12'
 * describeValue('x');       // '"x"'
 * describeValue([1]);       // 'an array'
 * describeValue(undefined); // 'nothing'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      // Quoted, escaped and cut short: the value is user input and must not forge or flood a message.
      return escapeUnsafe(JSON.stringify(shorten(value, MAX_QUOTED)));
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return `the boolean ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
