import { formatDay, isInputDay, parseDay, type Day } from '../../time/day';
import type { TaskBookState } from './persistTasks';
import type { Task } from './taskBook';

// Closed task ids in the compact form of a snapshot (format 4): grouped by `kind/party`, dates as day numbers.

/** The closed task ids of a task state, in either form (see {@link TaskBookState.retiredBy}). */
export type CompactRetired = Pick<TaskBookState, 'retired' | 'retiredBy'>;

type Group = readonly [group: string, days: readonly number[], keys: readonly string[]];

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The closed task ids a persisted state keeps (without the `loanId/` prefix), from `retired` and the
 * compact `retiredBy` of format 4: the inverse of {@link compactRetired}.
 */
export function retiredTaskIds(state: CompactRetired): string[] {
  const ids = [...(state.retired ?? [])];
  for (const [group, days, keys] of state.retiredBy ?? []) {
    const slash = group.indexOf('/');
    const kind = group.slice(0, slash + 1);
    const party = group.slice(slash);
    for (const d of days) ids.push(kind + formatDay(d as Day) + party);
    for (const k of keys) ids.push(kind + k + party);
  }
  return ids;
}

/** Keys already read as days (or found not to be one): the same few hundred dates recur in every loan of a batch. */
const keyDays = new Map<string, Day | null>();

/** `parseDay` of a task key, remembered (bounded, like `formatDay`'s cache). */
function dayOfKey(key: string): Day | undefined {
  let d = keyDays.get(key);
  if (d === undefined) {
    d = parseDay(key) ?? null;
    if (keyDays.size < 100_000) keyDays.set(key, d);
  }
  return d ?? undefined;
}

/**
 * Closed task ids grouped by `kind/party` (see {@link TaskBookState.retiredBy}). An id splits at its first
 * and last `/` (kinds and parties have none), so `kind + '/' + key + '/' + party` gives it back whatever
 * the key holds; an id without two `/` stays in `retired` as it is.
 */
export function compactRetired(ids: readonly string[]): CompactRetired {
  if (ids.length === 0) return {};
  const groups = new Map<string, { days: number[]; keys: string[] }>();
  const loose: string[] = [];
  for (const id of ids) {
    const first = id.indexOf('/');
    const last = id.lastIndexOf('/');
    if (first < 0 || last === first) {
      loose.push(id);
      continue;
    }
    const group = `${id.slice(0, first)}/${id.slice(last + 1)}`;
    const key = id.slice(first + 1, last);
    let g = groups.get(group);
    if (g === undefined) groups.set(group, (g = { days: [], keys: [] }));
    const d = key.length === 10 ? dayOfKey(key) : undefined;
    if (d === undefined) g.keys.push(key);
    else g.days.push(d);
  }
  const retiredBy = [...groups.keys()].sort(byName).map((name) => {
    const g = groups.get(name) as { days: number[]; keys: string[] };
    return [name, g.days.sort((a, b) => a - b), g.keys.sort(byName)] as const;
  });
  return { ...(loose.length > 0 ? { retired: loose.sort(byName) } : {}), ...(retiredBy.length > 0 ? { retiredBy } : {}) };
}

/** Names in ascending order (`byName`), none with two `/` when `loose` (a loop: no closure per call). */
function namesInOrder(list: readonly string[], loose: boolean): boolean {
  for (let i = 0; i < list.length; i++) {
    const x = list[i] as string;
    if (i > 0 && (list[i - 1] as string) > x) return false;
    if (loose && x.indexOf('/') !== x.lastIndexOf('/')) return false;
  }
  return true;
}

/** Keys in ascending order, none of them a date (`compactRetired` would have made it a day). */
function keysInOrder(keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i > 0 && (keys[i - 1] as string) > k) return false;
    if (k.length === 10 && dayOfKey(k) !== undefined) return false;
  }
  return true;
}

/** Day numbers in ascending order, each a date a key can name. */
function daysInOrder(days: readonly number[]): boolean {
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    if (!isInputDay(d) || (i > 0 && (days[i - 1] as number) > d)) return false;
  }
  return true;
}

/**
 * Whether a stored form is exactly what {@link compactRetired} makes of its own ids: groups in name
 * order, each named `kind/party` (one `/`), days in order and each a date the ids can hold, keys in
 * order and none of them a date; loose ids in order, none with two `/`. Postloan writes nothing else;
 * a state that is not (format 3 lists the ids, a hand-made one may be out of order) is expanded instead.
 * Checked at every restore of a lean snapshot, so by plain loops (the `every`/`some` closures of the
 * first version were ≈ 1.5 % of a resume's profile).
 */
export function isCompact(state: CompactRetired): boolean {
  if (state.retired !== undefined && !namesInOrder(state.retired, true)) return false;
  const groups = state.retiredBy;
  if (groups === undefined) return true;
  let before: string | undefined;
  for (let i = 0; i < groups.length; i++) {
    // Read by index: a destructuring of each group was a third of the check.
    const g = groups[i] as Group;
    const name = g[0];
    const slash = name.indexOf('/');
    if (slash < 0 || slash !== name.lastIndexOf('/') || (before !== undefined && before >= name)) return false;
    if (!daysInOrder(g[1]) || !keysInOrder(g[2])) return false;
    before = name;
  }
  return true;
}

/** Two sorted lists as one sorted list (a stable merge: `a`'s equal items first). */
function mergeSorted<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): readonly T[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(order(a[i] as T, b[j] as T) <= 0 ? (a[i++] as T) : (b[j++] as T));
  while (i < a.length) out.push(a[i++] as T);
  while (j < b.length) out.push(b[j++] as T);
  return out;
}

/**
 * The compact form of two sets of ids, each already compact ({@link isCompact}): what
 * {@link compactRetired} makes of all the ids together, without expanding the ones kept. A nightly
 * resume retires a few tasks and keeps the rest of the loan's closed ids as it restored them.
 */
export function mergeRetired(kept: CompactRetired, added: CompactRetired): CompactRetired {
  // Most resumes close no task: the stored form is written back as it was restored (the same arrays),
  // unless it has an empty list, which the merge below leaves out.
  if (added.retired === undefined && added.retiredBy === undefined && kept.retired?.length !== 0 && kept.retiredBy?.length !== 0) return kept;
  const loose = mergeSorted(kept.retired ?? [], added.retired ?? [], byName);
  const a = kept.retiredBy ?? [];
  const b = added.retiredBy ?? [];
  const groups: Group[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && byName(x[0], y[0]) < 0)) {
      groups.push(x as Group);
      i++;
    } else if (x === undefined || byName(x[0], y[0]) > 0) {
      groups.push(y);
      j++;
    } else {
      groups.push([x[0], mergeSorted(x[1], y[1], (p, q) => p - q), mergeSorted(x[2], y[2], byName)]);
      i++;
      j++;
    }
  }
  return { ...(loose.length > 0 ? { retired: loose } : {}), ...(groups.length > 0 ? { retiredBy: groups } : {}) };
}

/** One group's closed ids being gathered: the keys that are days, and the others. */
interface Gathered {
  readonly name: string;
  readonly days: number[];
  readonly keys: string[];
}

/**
 * What {@link compactRetired} makes of the ids (without their first `cut` characters, the `loanId/`
 * prefix) of the tasks not owed (done, late or cancelled) — grouped by each task's own `kind` and
 * `party` where its id is `kind/key/party` with them (always, for the tasks postloan raises), so no
 * id is split and no group name is built per id: the nightly replay compacts every closed task of a
 * loan (compacting the ids was ≈ 4–5 % of its profile). An id of another form goes through
 * {@link compactRetired}, and the two merge.
 */
export function compactClosed(tasks: readonly Task[], cut: number): CompactRetired {
  let byKind: Map<string, Map<string, Gathered>> | undefined;
  let odd: string[] | undefined;
  for (const k of tasks) {
    if (k.status === 'open' || k.status === 'breached') continue;
    const { id, kind, party } = k;
    const first = cut + kind.length;
    const last = id.length - party.length - 1;
    if (
      first >= last ||
      id.charCodeAt(first) !== 47 ||
      id.charCodeAt(last) !== 47 ||
      !id.startsWith(kind, cut) ||
      !id.endsWith(party) ||
      kind.indexOf('/') >= 0 ||
      party.indexOf('/') >= 0
    ) {
      (odd ??= []).push(id.slice(cut));
      continue;
    }
    byKind ??= new Map<string, Map<string, Gathered>>();
    let byParty = byKind.get(kind);
    if (byParty === undefined) byKind.set(kind, (byParty = new Map<string, Gathered>()));
    let g = byParty.get(party);
    if (g === undefined) {
      byParty.set(party, (g = { name: `${kind}/${party}`, days: [], keys: [] }));
    }
    const key = id.slice(first + 1, last);
    const d = key.length === 10 ? dayOfKey(key) : undefined;
    if (d === undefined) g.keys.push(key);
    else g.days.push(d);
  }
  let out: CompactRetired = {};
  if (byKind !== undefined) {
    const all: Gathered[] = [];
    for (const byParty of byKind.values()) for (const g of byParty.values()) all.push(g);
    all.sort((a, b) => byName(a.name, b.name));
    const retiredBy: Group[] = [];
    for (const g of all) retiredBy.push([g.name, g.days.sort((a, b) => a - b), g.keys.sort(byName)]);
    out = { retiredBy };
  }
  return odd === undefined ? out : mergeRetired(compactRetired(odd), out);
}

/** Whether a sorted list holds `x` (binary search). */
function holds<T>(list: readonly T[], x: T, order: (a: T, b: T) => number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = order(list[mid] as T, x);
    if (c === 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Whether a compact form ({@link isCompact}) holds the id (without its `loanId/` prefix): found where
 * {@link compactRetired} would have put it, by binary search, without expanding the others.
 */
export function hasRetired(state: CompactRetired, id: string): boolean {
  const first = id.indexOf('/');
  const last = id.lastIndexOf('/');
  if (first < 0 || last === first) return holds(state.retired ?? [], id, byName);
  const name = `${id.slice(0, first)}/${id.slice(last + 1)}`;
  const groups = state.retiredBy ?? [];
  let lo = 0;
  let hi = groups.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const [group, days, keys] = groups[mid] as Group;
    const c = byName(group, name);
    if (c < 0) lo = mid + 1;
    else if (c > 0) hi = mid - 1;
    else {
      const key = id.slice(first + 1, last);
      const d = key.length === 10 ? dayOfKey(key) : undefined;
      return d === undefined ? holds(keys, key, byName) : holds(days, d, (a, b) => a - b);
    }
  }
  return false;
}
