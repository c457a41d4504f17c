import type { PostloanIssue } from '../errors/PostloanIssue';
import { fromZodIssues } from '../errors/fromZod';
import { issueFrom } from '../errors/issueText';
import type { MaterialityThreshold } from '../engine/materiality';
import { parseRate, type Rate } from '../money/rate';
import type { BorrowerKind } from '../contract/LoanContract';
import type { FactName } from './facts';
import { MATERIALITY_PARAMETERS } from './parameters';
import { packText } from './packMessages';

/** Facts computed from the materiality threshold: a rule reading one needs its parameters. */
export const MATERIALITY_FACTS: readonly FactName[] = ['materialPastDue', 'materialDpd', 'daysWithoutMaterialArrears'];

/**
 * The pack's materiality threshold from its `materialityAbsolute` and `materialityRelative` parameters
 * (Delegated Regulation (EU) 2018/171), checked: both or neither, each well-formed, and both present
 * when a rule reads a fact computed from them. Problems go to `issues`.
 *
 * @example
 * ```ts
 * materialityOf({ materialityAbsolute: { retail: '100.00', corporate: '500.00' }, materialityRelative: '0.01' }, {}, 'pack.json', [], issues);
 * // { absolute: { retail: 10000, corporate: 50000 }, relative: { units: 1n, scale: 100n, text: '0.01' } }
 * ```
 */
export function materialityOf(
  parameters: Readonly<Record<string, unknown>>,
  sources: Readonly<Record<string, string>>,
  manifestFile: string,
  rules: readonly { readonly facts: readonly FactName[] }[],
  issues: PostloanIssue[],
): MaterialityThreshold | undefined {
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(parameters, name);
  const read = rules.some((r) => r.facts.some((f) => MATERIALITY_FACTS.includes(f)));
  const given = has('materialityAbsolute') || has('materialityRelative');
  if (!read && !given) return undefined;
  const values: Record<string, unknown> = {};
  let complete = true;
  for (const [name, def] of Object.entries(MATERIALITY_PARAMETERS)) {
    if (!has(name)) {
      complete = false;
      issues.push(issueFrom({ code: 'pack.missingParam', file: manifestFile, path: 'parameters' }, packText.missingParam(name, def.description, def.example)));
      continue;
    }
    const r = def.schema.safeParse(parameters[name]);
    if (r.success) values[name] = r.data;
    else {
      complete = false;
      issues.push(
        ...fromZodIssues(r.error.issues, sources[name] ?? manifestFile, ['parameters', name]).map((i) => {
          const { message: _message, hint: _hint, ...fields } = i;
          return issueFrom(fields, packText.badParam(name, i, def.example));
        }),
      );
    }
  }
  if (!complete) return undefined;
  return {
    absolute: values['materialityAbsolute'] as Record<BorrowerKind, number>,
    relative: parseRate(values['materialityRelative'] as string) as Rate,
  };
}
