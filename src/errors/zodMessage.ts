import type { z } from 'zod';

/** zod's own English messages all start like this; ours (refinements, regex messages) never do. */
const ZOD_PHRASING = /^(?:Invalid (?:input|option|string|number|value|key|element|discriminator)|Invalid [a-z]|Too (?:big|small)|Unrecognized keys?)/;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list ([ … ])',
  object: 'an object ({ … })',
  record: 'an object ({ … })',
  null: 'null',
  undefined: 'nothing',
  nan: 'NaN',
  bigint: 'a number',
  date: 'a date',
};

/** "a string", "a list ([ … ])": how a JSON type is named in messages. */
export function typeWord(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

/** What zod says was received ("received number"); only the type word is taken from zod's text. */
function received(message: string): string | undefined {
  const m = /received (\w+)/.exec(message);
  return m?.[1] === undefined ? undefined : typeWord(m[1]);
}

function quote(path: string): string {
  return path === '' ? 'The document' : `\`${path}\``;
}

/** "characters", "items" or "" for the size a too_big/too_small issue is about. */
function unit(origin: string | undefined): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array' || origin === 'set') return ' items';
  if (origin === 'object' || origin === 'record' || origin === 'map') return ' keys';
  return '';
}

/**
 * Our own wording for a zod issue, in the house style "`loan.id` is missing: add it as a string".
 * Messages we wrote ourselves (refinements, regex messages) are kept; those that are only a predicate
 * ("must be a .json file name") get the path as their subject. zod's raw English ("Invalid input:
 * expected string, received undefined") never reaches a user.
 *
 * @example
 * ```ts
 * zodMessage({ code: 'invalid_type', expected: 'string', message: 'Invalid input: expected string, received undefined', path: ['id'] } as never, 'loan.id');
 * // '`loan.id` is missing: add it as a string'
 * ```
 */
export function zodMessage(issue: z.core.$ZodIssue, path: string): string {
  const subject = quote(path);
  if (!ZOD_PHRASING.test(issue.message)) {
    return /^must\b/.test(issue.message) ? `${subject} ${issue.message}` : issue.message;
  }
  switch (issue.code) {
    case 'invalid_type': {
      const want = typeWord(issue.expected);
      const got = received(issue.message);
      if (got === 'nothing') return `${subject} is missing: add it as ${want}`;
      return `${subject} must be ${want}${got === undefined ? '' : `, not ${got}`}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `${subject} must be ${JSON.stringify(issue.values[0])}`
        : `${subject} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_big': {
      const max = String(issue.maximum);
      const u = unit(issue.origin);
      return u === '' ? `${subject} must be at most ${max}` : `${subject} has too many${u}: at most ${max}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      const u = unit(issue.origin);
      if (u === '') return `${subject} must be at least ${min}`;
      return issue.minimum === 1 || issue.minimum === 1n ? `${subject} must not be empty` : `${subject} has too few${u}: at least ${min}`;
    }
    case 'invalid_format':
      return `${subject} is not in the expected format${issue.format === 'regex' ? '' : ` (${issue.format})`}`;
    case 'not_multiple_of':
      return `${subject} must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `${subject} has unknown keys: ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_key':
      return `${subject} has a key that is not allowed`;
    case 'invalid_element':
      return `${subject} holds a value that is not allowed`;
    case 'invalid_union':
      return `${subject} does not match any of the allowed forms`;
    default:
      return `${subject} is not valid`;
  }
}

/** True when `message` is zod's own English phrasing, which no message of ours may contain. */
export function isZodPhrasing(message: string): boolean {
  return ZOD_PHRASING.test(message) || /expected \w+, received \w+/.test(message);
}
