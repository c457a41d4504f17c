import type { CompiledPack } from '../../rules/loadPack';
import type { RuleCursor } from './ruleCursor';
import { taskRuleIds } from './taskRuleIds';

// A restored book's task rule answers by rule id, kept by rule index until the map itself is needed.

/** Whose `size` getter a spelt-out map reads. */
const MAP_PROTOTYPE: Map<string, boolean> = Map.prototype as Map<string, boolean>;

const indexCache = new WeakMap<CompiledPack, ReadonlyMap<string, number>>();

/** The pack's task rules' indexes by id; undefined when two rules share an id (a map of answers by id then has fewer entries than rules). */
function ruleIndex(pack: CompiledPack): ReadonlyMap<string, number> | undefined {
  let index = indexCache.get(pack);
  if (index === undefined) {
    index = new Map(taskRuleIds(pack).map((id, r) => [id, r]));
    indexCache.set(pack, index);
  }
  return index.size === taskRuleIds(pack).length ? index : undefined;
}

/**
 * The `holds` of a book restored from a snapshot that left them out (they are the cursors' `holding`,
 * decision 421): the same map as one filled with every rule's answer in pack order, but kept as an array
 * by rule index until something needs more than `get`, `has` or `set` of a rule's id — iterating it,
 * deleting from it, or setting an id no rule has (then it is spelt out, in pack order, as it would have
 * been filled). A restore filled 58 entries for every due loan (≈ 3 µs, the largest part of
 * `restoreTasks`), and every save read them all back to compare with the cursors (`holdsFollowCursors`),
 * which {@link RestoredHolds.followsCursors} does on the array.
 */
export class RestoredHolds extends Map<string, boolean> {
  /** The answers by rule index; undefined once spelt out into the map. */
  private answers: boolean[] | undefined;
  private readonly ids: readonly string[];
  private readonly index: ReadonlyMap<string, number>;

  private constructor(ids: readonly string[], index: ReadonlyMap<string, number>, answers: boolean[]) {
    super();
    this.ids = ids;
    this.index = index;
    this.answers = answers;
  }

  /** The cursors' answers as a map by rule id; undefined when the pack's rule ids are not all distinct. */
  static of(pack: CompiledPack, cursors: readonly RuleCursor[]): RestoredHolds | undefined {
    const ids = taskRuleIds(pack);
    const index = ruleIndex(pack);
    if (index === undefined || cursors.length !== ids.length) return undefined;
    const answers: boolean[] = [];
    for (const c of cursors) answers.push(c.holding);
    return new RestoredHolds(ids, index, answers);
  }

  /** Whether every rule's answer is its cursor's `holding` (see `holdsFollowCursors`); undefined once spelt out. */
  followsCursors(cursors: readonly RuleCursor[]): boolean | undefined {
    const a = this.answers;
    if (a === undefined) return undefined;
    if (a.length !== cursors.length) return false;
    for (let r = 0; r < a.length; r++) if (a[r] !== (cursors[r] as RuleCursor).holding) return false;
    return true;
  }

  /** Puts the answers into the map itself, in pack order (once). */
  private spell(): void {
    const a = this.answers;
    if (a === undefined) return;
    this.answers = undefined;
    for (let r = 0; r < a.length; r++) super.set(this.ids[r] as string, a[r] as boolean);
  }

  override get(id: string): boolean | undefined {
    const a = this.answers;
    if (a === undefined) return super.get(id);
    const r = this.index.get(id);
    return r === undefined ? undefined : a[r];
  }

  override has(id: string): boolean {
    return this.answers === undefined ? super.has(id) : this.index.has(id);
  }

  override set(id: string, value: boolean): this {
    const a = this.answers;
    if (a !== undefined) {
      const r = this.index.get(id);
      if (r !== undefined) {
        a[r] = value;
        return this;
      }
      this.spell();
    }
    return super.set(id, value);
  }

  override get size(): number {
    // `super.size` is not allowed for an accessor: Map's own getter, on this map.
    return this.answers === undefined ? Reflect.get(MAP_PROTOTYPE, 'size', this) : this.answers.length;
  }

  override delete(id: string): boolean {
    this.spell();
    return super.delete(id);
  }

  override clear(): void {
    this.answers = undefined;
    super.clear();
  }

  override forEach(each: (value: boolean, key: string, map: Map<string, boolean>) => void, thisArg?: unknown): void {
    this.spell();
    super.forEach(each, thisArg);
  }

  override entries(): MapIterator<[string, boolean]> {
    this.spell();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.spell();
    return super.keys();
  }

  override values(): MapIterator<boolean> {
    this.spell();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, boolean]> {
    this.spell();
    return super[Symbol.iterator]();
  }
}
