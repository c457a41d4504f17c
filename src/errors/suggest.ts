/** Levenshtein distance, small and allocation-light; names here are short identifiers. */
function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidate closest to `name` (case-insensitive edit distance), when it is close enough to be a
 * plausible typo: at most a third of the name's length, and at least 1 edit.
 *
 * @example
 * ```ts
 * nearest('greaterThen', ['greaterThan', 'lessThan']); // 'greaterThan'
 * ```
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const score = cl === lower ? 0 : cl.startsWith(lower) || lower.startsWith(cl) ? 1 : distance(lower, cl);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return bestScore <= Math.max(2, Math.ceil(name.length / 3)) ? best : undefined;
}

/** "Did you mean `x`?" or a list of the valid names when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const near = nearest(name, candidates);
  if (near !== undefined) return `did you mean "${near}"?`;
  const shown = candidates.slice(0, 30).map((c) => `"${c}"`).join(', ');
  return `valid values: ${shown}${candidates.length > 30 ? ', …' : ''}`;
}
