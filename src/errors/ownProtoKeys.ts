/**
 * Own `__proto__` keys in a value a JavaScript caller passed instead of JSON text.
 *
 * `JSON.parse('{"__proto__": 1}')` makes an own data property named `__proto__`. zod copies an object's
 * keys by assignment, and assigning `__proto__` sets the copy's prototype instead of a key, so a strict
 * object schema drops the key without an issue where it refuses every other unknown key (decision 432).
 * The text path never gets that far: `parseJson` refuses the key first (`json.forbiddenKey`). This finds
 * the same keys in a parsed value, so the value path refuses them with the same issue.
 */
import type { PathSegment } from './PostloanIssue';

/**
 * How deep the walk goes. The objects a strict schema checks (the loan, its parties and collateral, an
 * event) are at most a few levels deep; anything below is inside a key that is itself refused (unknown)
 * or inside `attributes`, whose own check refuses `__proto__` at any depth.
 */
const MAX_DEPTH = 16;
/** Most values visited: a value past this is refused by the size limits of the schemas anyway. */
const MAX_VALUES = 100_000;

/**
 * The paths of every own `__proto__` key in `value` (the key itself is the last segment), an object's
 * before those inside its values, within {@link MAX_DEPTH} levels and {@link MAX_VALUES} values. Iterative; never throws on JSON data.
 *
 * @example
 * ```ts
 * ownProtoKeyPaths(JSON.parse('{"a": [{"__proto__": {}}]}')); // [['a', 0, '__proto__']]
 * ownProtoKeyPaths({ a: 1 }); // []
 * ```
 */
export function ownProtoKeyPaths(value: unknown): PathSegment[][] {
  const found: PathSegment[][] = [];
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value, path: [] }];
  let budget = MAX_VALUES;
  while (stack.length > 0 && --budget >= 0) {
    const node = stack.pop() as { value: unknown; path: PathSegment[] };
    const v = node.value;
    if (v === null || typeof v !== 'object' || node.path.length > MAX_DEPTH) continue;
    const children: { value: unknown; path: PathSegment[] }[] = [];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) children.push({ value: v[i] as unknown, path: [...node.path, i] });
    } else {
      for (const key of Object.keys(v)) {
        if (key === '__proto__') found.push([...node.path, key]);
        else children.push({ value: (v as Record<string, unknown>)[key], path: [...node.path, key] });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as (typeof children)[number]);
  }
  return found;
}
