import { isInputDay } from '../../time/day';
import type { CompactRetired } from './compactRetired';
import { dayOfKey } from './keyDay';
import type { TaskBookState } from './persistTasks';

// A lean snapshot's closed task ids (`tasks.retiredBy`) kept as the JSON text they were stored in, until
// something reads them. They are the largest part of most lean snapshots (≈ a sixth of the text), and
// an end of day rarely changes them (3 of 236 due loans in the scale bench's book) and asks about them
// only when it raises a task (`isTaken`, a third of the due loans): a trusted restore of a sealed text
// leaves them unparsed, and the resumed run's snapshot writes the same text back, so they are neither
// parsed nor stringified. Every reader still sees the array (an accessor parses it on first read).

type Groups = NonNullable<TaskBookState['retiredBy']>;

/** `tasks.retiredBy` as a sealed text holds it: its JSON text, and how many ids it lists. */
export interface RetiredText {
  readonly text: string;
  readonly count: number;
}

/** What an unread `retiredBy` accessor reads: the stored text, and how to read it (shared with a book's). */
interface Unread {
  readonly stored: RetiredText;
  readonly read: () => Groups;
}

/** The task state objects whose `retiredBy` has not been read, with what it reads. */
const unread = new WeakMap<object, Unread>();

/** `retiredBy` as a plain property again, holding `value`. */
function settle(state: object, value: unknown): void {
  Object.defineProperty(state, 'retiredBy', { configurable: true, enumerable: true, writable: true, value });
}

/**
 * The one accessor of every unread `retiredBy`: the same pair of functions each time, so the objects
 * that have it share their shapes (a pair made per object cost as much as the parse it saves).
 */
const ACCESSOR: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: object): Groups {
    const u = unread.get(this) as Unread;
    unread.delete(this);
    const value = u.read();
    settle(this, value);
    return value;
  },
  set(this: object, value: unknown): void {
    unread.delete(this);
    settle(this, value);
  },
};

/** The text `state.retiredBy` is kept as (see {@link keepRetiredText}) while it is unread, or undefined. */
export function retiredTextOf(state: object): RetiredText | undefined {
  return unread.get(state)?.stored;
}

/**
 * Defines `retiredBy` of a task state object (enumerable, in the place it is defined) as an accessor that
 * reads `stored` at first use (`read`) and is a plain property from then on, and keeps the text for a
 * writer while nobody has read it: what was read may be changed in place, so from then on the value
 * counts, as before. Assigning it makes it a plain property too.
 */
export function keepRetiredText(state: object, stored: RetiredText, read: () => Groups): void {
  Object.defineProperty(state, 'retiredBy', ACCESSOR);
  unread.set(state, { stored, read });
}

/**
 * The compact closed ids a restored book keeps (`retired.kept`) when the snapshot's were kept as text: read
 * from it at the first question (`hasRetired`). Never changed in place (a merge builds new lists), so a
 * resume that closes no task writes the same text back whether or not it asked.
 */
export class KeptRetiredText implements CompactRetired {
  #groups: Groups | undefined;
  readonly stored: RetiredText;

  constructor(stored: RetiredText) {
    this.stored = stored;
  }

  get retiredBy(): Groups {
    this.#groups ??= JSON.parse(this.stored.text) as Groups;
    return this.#groups;
  }

  /**
   * Whether the ids hold `id` (without its `loanId/` prefix), as `hasRetired` answers for the list: found
   * in the text (checked by {@link scanRetiredBy}: no escapes, days and keys ascending), unread. An id
   * without two `/` is never in a `retiredBy`; one with a character the text cannot hold unescaped is
   * not there either.
   */
  has(id: string): boolean {
    const first = id.indexOf('/');
    const last = id.lastIndexOf('/');
    if (first < 0 || last === first || !plain(id)) return false;
    const text = this.stored.text;
    const head = `["${id.slice(0, first)}/${id.slice(last + 1)}",[`;
    // Only a group starts with `["name",[` (a key list's strings are followed by `,"` or `]`).
    const at = text.indexOf(head);
    if (at < 0) return false;
    let i = at + head.length;
    const key = id.slice(first + 1, last);
    const d = key.length === 10 ? dayOfKey(key) : undefined;
    if (d !== undefined) {
      // The days, ascending: `[d,d,…]`.
      while (text.charCodeAt(i) !== CLOSE) {
        const end = numberEnd(text, i);
        const n = Number(text.slice(i, end));
        if (n === d) return true;
        if (n > d) return false;
        i = text.charCodeAt(end) === COMMA ? end + 1 : end;
      }
      return false;
    }
    // Past the days to the keys, ascending: `],["k","k",…]`.
    i = text.indexOf(']', i) + 2;
    if (text.charCodeAt(i + 1) === CLOSE) return false;
    while (text.charCodeAt(i) !== CLOSE) {
      const from = i + 2;
      const end = text.indexOf('"', from);
      if (end - from === key.length && text.startsWith(key, from)) return true;
      i = end + 1;
    }
    return false;
  }
}

/** Whether JSON.stringify writes the string without escapes (see `stringEnd`). */
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE || c === 92 || c < 32 || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** The end of the integer at `i` (an optional `-` and digits). */
function numberEnd(text: string, i: number): number {
  let j = text.charCodeAt(i) === MINUS ? i + 1 : i;
  for (let c = text.charCodeAt(j); c >= ZERO && c <= NINE; c = text.charCodeAt(++j));
  return j;
}

const QUOTE = 34;
const SLASH = 47;
const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

/**
 * The index of the quote closing the string whose text starts at `at`; -1 at an escape, a control
 * character, a surrogate (JSON.stringify escapes a lone one) or the end: the string is then written back
 * by JSON.stringify exactly as it stands.
 */
function stringEnd(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === 92 || c < 32 || (c >= 0xd800 && c <= 0xdfff)) return -1;
  }
  return -1;
}

/** `text[a, b)` against `text[c, d)` by UTF-16 code units, as `<` orders strings: negative, 0 or positive. */
function compareSpans(text: string, a: number, b: number, c: number, d: number): number {
  const n = Math.min(b - a, d - c);
  for (let k = 0; k < n; k++) {
    const x = text.charCodeAt(a + k) - text.charCodeAt(c + k);
    if (x !== 0) return x;
  }
  return b - a - (d - c);
}

/**
 * Reads the `retiredBy` list whose `[` is at `from` in a snapshot text, as JSON.stringify writes it (no
 * space, integers in plain digits, strings without escapes), and checks it is what `compactRetired` makes
 * (as `isCompact` does: groups in strictly ascending name order with one `/` each; days ascending, each a
 * date the ids can hold; keys ascending, none a date). Returns where the list ends (after its `]`) and
 * how many ids it holds; undefined for anything else (an empty list too), which is then parsed as before.
 */
export function scanRetiredBy(text: string, from: number): { readonly end: number; readonly count: number } | undefined {
  let i = from;
  if (text.charCodeAt(i) !== OPEN) return undefined;
  i++;
  let count = 0;
  let prevName = -1;
  let prevNameEnd = -1;
  for (;;) {
    // A group: ["kind/party",[days],[keys]]
    if (text.charCodeAt(i) !== OPEN || text.charCodeAt(i + 1) !== QUOTE) return undefined;
    const name = i + 2;
    const nameEnd = stringEnd(text, name);
    if (nameEnd < 0) return undefined;
    let slashes = 0;
    for (let k = name; k < nameEnd; k++) if (text.charCodeAt(k) === SLASH) slashes++;
    if (slashes !== 1 || (prevName >= 0 && compareSpans(text, prevName, prevNameEnd, name, nameEnd) >= 0)) return undefined;
    prevName = name;
    prevNameEnd = nameEnd;
    i = nameEnd + 1;
    if (text.charCodeAt(i) !== COMMA || text.charCodeAt(i + 1) !== OPEN) return undefined;
    i += 2;
    if (text.charCodeAt(i) === CLOSE) i++;
    else {
      let before = Number.NEGATIVE_INFINITY;
      for (;;) {
        const negative = text.charCodeAt(i) === MINUS;
        if (negative) i++;
        const start = i;
        let d = 0;
        for (let c = text.charCodeAt(i); c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) d = 10 * d + (c - ZERO);
        // One to nine digits, no leading zero: the integers JSON.stringify writes, within any day number.
        if (i === start || i - start > 9 || (text.charCodeAt(start) === ZERO && i - start > 1)) return undefined;
        if (negative) d = -d;
        if (!isInputDay(d) || d < before) return undefined;
        before = d;
        count++;
        const c = text.charCodeAt(i++);
        if (c === CLOSE) break;
        if (c !== COMMA) return undefined;
      }
    }
    if (text.charCodeAt(i) !== COMMA || text.charCodeAt(i + 1) !== OPEN) return undefined;
    i += 2;
    if (text.charCodeAt(i) === CLOSE) i++;
    else {
      let prevKey = -1;
      let prevKeyEnd = -1;
      for (;;) {
        if (text.charCodeAt(i) !== QUOTE) return undefined;
        const key = i + 1;
        const keyEnd = stringEnd(text, key);
        if (keyEnd < 0 || (prevKey >= 0 && compareSpans(text, prevKey, prevKeyEnd, key, keyEnd) > 0)) return undefined;
        if (keyEnd - key === 10 && dayOfKey(text.slice(key, keyEnd)) !== undefined) return undefined;
        prevKey = key;
        prevKeyEnd = keyEnd;
        count++;
        const c = text.charCodeAt(keyEnd + 1);
        i = keyEnd + 2;
        if (c === CLOSE) break;
        if (c !== COMMA) return undefined;
      }
    }
    if (text.charCodeAt(i) !== CLOSE) return undefined;
    const c = text.charCodeAt(i + 1);
    i += 2;
    if (c === CLOSE) return { end: i, count };
    if (c !== COMMA) return undefined;
  }
}

const STORED = '"retiredBy":[';
const WRITTEN = '"retiredBy":0,"tasks":[';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `JSON.parse(text)` of a snapshot text with `state.tasks.retiredBy` kept as text (see
 * {@link keepRetiredText}): the text has that member once, in the form {@link scanRetiredBy} reads, right
 * before `tasks`, and `tasks.retired` is absent. Undefined otherwise (the caller parses the text whole),
 * and for a text that is not JSON.
 */
export function parseKeepingRetired(text: string): unknown {
  const key = text.indexOf(STORED);
  if (key < 0 || text.lastIndexOf(STORED) !== key) return undefined;
  const from = key + STORED.length - 1;
  const scanned = scanRetiredBy(text, from);
  if (scanned === undefined || !text.startsWith(',"tasks":[', scanned.end)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(`${text.slice(0, from)}0${text.slice(scanned.end)}`);
  } catch {
    return undefined;
  }
  const state = isRecord(value) ? value['state'] : undefined;
  const tasks = isRecord(state) ? state['tasks'] : undefined;
  if (!isRecord(tasks) || tasks['retiredBy'] !== 0 || tasks['retired'] !== undefined) return undefined;
  const stored: RetiredText = { text: text.slice(from, scanned.end), count: scanned.count };
  const read = (): Groups => JSON.parse(stored.text) as Groups;
  // A copy with the accessor in the place of the placeholder: defined on a new object, in key order (as
  // the objects made from JSON text are), it keeps a shape of its own, where redefining the parsed one's
  // made it a dictionary.
  const copy: Record<string, unknown> = {};
  for (const k in tasks) {
    if (k === 'retiredBy') keepRetiredText(copy, stored, read);
    else copy[k] = tasks[k];
  }
  (state as Record<string, unknown>)['tasks'] = copy;
  return value;
}

/**
 * `JSON.stringify(content)` for a snapshot's content whose `state.tasks` keeps its `retiredBy` as text:
 * written with a placeholder there, then the text put in its place. Undefined when the placeholder is not
 * found exactly once (the caller writes the value then).
 */
export function stringifyKeepingRetired(content: { readonly state: { readonly tasks: object } }, stored: RetiredText): string | undefined {
  const state = content.state;
  const tasks = state.tasks as Readonly<Record<string, unknown>>;
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(tasks)) copy[k] = k === 'retiredBy' ? 0 : tasks[k];
  // The copy stands in the state while it is written (the state makeSnapshot is given is the run's own,
  // new); copies of the state and the content cost more than the text they save.
  if (!Reflect.set(state, 'tasks', copy)) return undefined;
  let body: string;
  try {
    body = JSON.stringify(content);
  } finally {
    Reflect.set(state, 'tasks', tasks);
  }
  const at = body.indexOf(WRITTEN);
  if (at < 0 || body.lastIndexOf(WRITTEN) !== at) return undefined;
  const from = at + STORED.length - 1;
  return `${body.slice(0, from)}${stored.text}${body.slice(from + 1)}`;
}
