import { didYouMean } from '../errors/suggest';
import type { ConditionContext } from './conditions';
import type { AttributeType } from './dataDeclarations';
import { parseDataPath, type DataPath } from './dataPath';

/** What a condition on a data fact reads: a declared type, or undefined when the pack declares none for it. */
export type DataValueType = AttributeType;

/**
 * Checks the `path` of a condition on a data fact (`attributes`, `observations`) against the supported
 * JSONPath subset and the pack's declarations; pushes the problem and returns undefined when there is one.
 */
export function checkDataRead(raw: unknown, factName: string, leafPath: string, ctx: ConditionContext): { readonly path: DataPath; readonly type: DataValueType | undefined } | undefined {
  const at = `${leafPath}.path`;
  const issue = (code: 'pack.invalid' | 'pack.unsupportedPath' | 'pack.undeclaredData', message: string, hint: string): undefined => {
    ctx.issues.push({ code, file: ctx.file, path: at, message, hint });
    return undefined;
  };
  if (raw === undefined) return issue('pack.invalid', `Fact "${factName}" holds named values; the condition must say which with "path"`, 'add "path": "$.name", e.g. "$.product"');
  if (typeof raw !== 'string') return issue('pack.invalid', `"path" must be text, e.g. "$.product"`, 'write the path in quotes');
  const parsed = parseDataPath(raw);
  if (!parsed.ok) return issue('pack.unsupportedPath', parsed.message, 'write "$.name", "$.name.inner" or "$.list[0]": property names and indexes only');
  const { path } = parsed;
  const [first, ...rest] = path.steps;
  if (typeof first !== 'string') return issue('pack.unsupportedPath', `The path "${raw}" must start with a name, e.g. "$.product"`, 'name the value first');
  const observations = factName === 'observations';
  if (observations && rest.length > 0) return issue('pack.unsupportedPath', `Observations are single values; "${raw}" reads inside one`, `write "$.${first}"`);
  const declared = observations ? ctx.declarations?.observations : ctx.declarations?.attributes;
  if (declared === undefined) return { path, type: undefined };
  if (!Object.prototype.hasOwnProperty.call(declared, first)) {
    const kind = observations ? 'observation' : 'attribute';
    return issue('pack.undeclaredData', `The pack declares no ${kind} "${first}"`, `${didYouMean(first, Object.keys(declared))}; or declare it under "${factName}" in pack.json`);
  }
  const type = declared[first] as DataValueType;
  if (rest.length === 0) return { path, type };
  if (type !== 'object' && type !== 'array') return issue('pack.unsupportedPath', `The attribute "${first}" is declared ${type}; "${raw}" reads inside it`, `write "$.${first}", or declare "${first}" as "object" or "array"`);
  return { path, type: undefined };
}

/** Converts a literal compared with a data value: a JSON scalar, of the declared type when there is one. */
export function convertDataValue(raw: unknown, type: DataValueType | undefined, factName: string): { ok: true; value: unknown } | { ok: false; message: string; hint: string } {
  const scalar = raw === null || typeof raw === 'string' || typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw));
  if (type === undefined || type === 'object' || type === 'array') {
    if (scalar) return { ok: true, value: raw };
    return { ok: false, message: `A value compared with fact "${factName}" must be text, a number, true, false or null`, hint: 'write a single JSON value' };
  }
  if (typeof raw === type) return { ok: true, value: raw };
  return { ok: false, message: `The value is declared ${type}; ${JSON.stringify(raw) ?? String(raw)} is not`, hint: needsOfData(type) === 'text' ? 'write the value in quotes' : `write ${needsOfData(type)}` };
}

/** What a value compared with a data value must be, in words. */
export function needsOfData(type: DataValueType | undefined): string {
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return 'a single JSON value';
  }
}
