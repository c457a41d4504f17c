import { boxesIntersect, dpdOf, type Box } from './conditionSpace';
import type { CompiledRule } from './loadPack';

/** DPD days a bin of the index spans. */
const BIN_DAYS = 32;
/** A box whose DPD values span more bins than this is kept in the list every query reads. */
const MAX_BINS = 64;

interface Entry {
  readonly rule: CompiledRule;
  readonly box: Box;
  readonly seq: number;
}

/** The bins a DPD interval set touches, or undefined when it spans too many to index. */
function binsOf(box: Box): number[] | undefined {
  const set = dpdOf(box);
  const bins: number[] = [];
  for (const [lo, hi] of set) {
    if (hi === Infinity || (hi - lo) / BIN_DAYS > MAX_BINS) return undefined;
    for (let b = Math.floor(lo / BIN_DAYS); b <= Math.floor(hi / BIN_DAYS); b++) bins.push(b);
    if (bins.length > MAX_BINS) return undefined;
  }
  return bins;
}

/**
 * The boxes of the rules ranked above the one being checked for shadowing, indexed by the DPD values
 * they allow (nearly every bucket, floor and segment rule bounds DPD), so finding those that meet a
 * rule reads the boxes of nearby DPD only: near-linear in the rule count instead of quadratic. Boxes
 * with wide or unbounded DPD are read by every query.
 *
 * @example
 * ```ts
 * const cover = new CoverIndex();
 * cover.add(rule, box);
 * cover.meeting(boxesOfNextRule); // entries above that intersect one of them, in the order added
 * ```
 */
export class CoverIndex {
  private readonly bins = new Map<number, Entry[]>();
  private readonly wide: Entry[] = [];
  private seq = 0;

  add(rule: CompiledRule, box: Box): void {
    const entry = { rule, box, seq: this.seq++ };
    const bins = binsOf(box);
    if (bins === undefined) {
      this.wide.push(entry);
      return;
    }
    for (const b of bins) {
      const list = this.bins.get(b);
      if (list === undefined) this.bins.set(b, [entry]);
      else list.push(entry);
    }
  }

  /** The entries whose box intersects one of `boxes`, in the order they were added. */
  meeting(boxes: readonly Box[]): { readonly rule: CompiledRule; readonly box: Box }[] {
    const seen = new Set<number>();
    const found: Entry[] = [];
    const consider = (e: Entry): void => {
      if (seen.has(e.seq)) return;
      seen.add(e.seq);
      if (boxes.some((box) => boxesIntersect(box, e.box))) found.push(e);
    };
    for (const e of this.wide) consider(e);
    const wanted = new Set<number>();
    for (const box of boxes) {
      const bins = binsOf(box);
      if (bins === undefined) {
        for (const list of this.bins.values()) for (const e of list) consider(e);
        break;
      }
      for (const b of bins) wanted.add(b);
    }
    for (const b of wanted) for (const e of this.bins.get(b) ?? []) consider(e);
    return found.sort((a, b) => a.seq - b.seq);
  }
}
