import type { Statechart } from '../workflow/statechart';
import type { Catalogue } from './catalogue';
import type { Locale } from './locale';

/**
 * A locale's catalogue with the states of a pack's statechart it does not know: each labelled by the
 * state's `meta.label` in that locale, else in English, else by its name. The catalogue's own words win
 * (cn-default's states read the same whatever the pack); the catalogue itself is returned when the
 * statechart adds nothing.
 *
 * @example
 * ```ts
 * const cat = withStateLabels(catalogueFor('zh-CN'), pack.statechart, 'zh-CN');
 * labelOf(cat.state, 'mediation'); // '调解' (the statechart's meta.label["zh-CN"])
 * ```
 */
export function withStateLabels(cat: Catalogue, statechart: Statechart | undefined, locale: Locale): Catalogue {
  if (statechart === undefined) return cat;
  const own = statechart.states.filter((s) => !Object.hasOwn(cat.state, s));
  if (own.length === 0) return cat;
  const state: Record<string, string> = { ...cat.state };
  for (const s of own) state[s] = statechart.label(s, locale) ?? statechart.label(s, 'en') ?? s;
  return { ...cat, state: state as Catalogue['state'] };
}
