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
      return JSON.stringify(value);
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
