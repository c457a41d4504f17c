/**
 * Optimal-string-alignment (restricted Damerau-Levenshtein) distance: an adjacent transposition
 * (`lsesThan`) costs one edit, as typists make it. Names here are short identifiers.
 */
function distance(a: string, b: string): number {
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The candidate closest to `name`, when it is a plausible typo of it. Case-insensitive; ranked by
 * edit distance (a transposition is one edit), ties broken by the longer common prefix, then by the
 * candidates' order. A candidate qualifies when the distance is at most a third of the longer name
 * (at least 1), or when the name is a truncation of it (`greaterThanIncl` → `greaterThanInclusive`,
 * at least 4 characters). Nothing is suggested otherwise: a wrong suggestion is worse than none
 * (`note` is not a typo of `name`).
 *
 * @example
 * ```ts
 * nearest('greaterThen', ['greaterThan', 'lessThan']); // 'greaterThan'
 * nearest('greaterThanInclusve', ['greaterThan', 'greaterThanInclusive']); // 'greaterThanInclusive'
 * nearest('note', ['name', 'amount']); // undefined
 * ```
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestPrefix = -1;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const d = distance(lower, cl);
    const truncation = lower.length >= 4 && cl.startsWith(lower);
    if (!truncation && d > Math.max(1, Math.floor(Math.max(lower.length, cl.length) / 3))) continue;
    // A truncation is ranked as if one edit away: it is what the user most likely meant.
    const rank = truncation ? Math.min(d, 1) : d;
    const prefix = commonPrefix(lower, cl);
    if (rank < bestDistance || (rank === bestDistance && prefix > bestPrefix)) {
      best = c;
      bestDistance = rank;
      bestPrefix = prefix;
    }
  }
  return best;
}

/** "Did you mean `x`?" or a list of the valid names when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const near = nearest(name, candidates);
  if (near !== undefined) return `did you mean "${near}"?`;
  const shown = candidates.slice(0, 30).map((c) => `"${c}"`).join(', ');
  return `valid values: ${shown}${candidates.length > 30 ? ', …' : ''}`;
}
