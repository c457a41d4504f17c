import type { z } from 'zod';

/** The parts of a zod schema's definition the reference reads; anything else is shown by its type name. */
interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly entries?: Readonly<Record<string, string>>;
  readonly values?: readonly unknown[];
  readonly options?: readonly z.ZodType[];
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly valueType?: z.ZodType;
  readonly element?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** A value as a policy team writes it in JSON, without the Markdown code marks. */
function valueOf(schema: z.ZodType): string {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      return valueOf(def.innerType as z.ZodType);
    case 'enum':
      return Object.values(def.entries ?? {}).map((v) => JSON.stringify(v)).join(' or ');
    case 'literal':
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(' or ');
    case 'union':
      return (def.options ?? []).map(valueOf).join(' or ');
    case 'object':
      return `{ ${Object.entries(def.shape ?? {}).map(([k, v]) => `"${k}": ${valueOf(v)}`).join(', ')} }`;
    case 'number':
      return (schema as unknown as { isInt?: boolean }).isInt === true ? 'whole number' : 'number';
    case 'string':
      return 'text';
    case 'record':
      return `{ field: ${valueOf(def.valueType as z.ZodType)} }`;
    case 'array':
      return `[${valueOf(def.element as z.ZodType)}, …]`;
    default:
      return def.type;
  }
}

/**
 * What a decision parameter takes, for `docs/rule-reference.md` (Markdown, inside a table cell): each
 * choice of an enum, literal or union in code marks, separated by an escaped bar; a value's shape
 * (`{ "days": whole number }`) for the rest; "(optional)" when it may be left out.
 *
 * @example
 * ```ts
 * describeParam(z.enum(['borrower', 'collector'])); // '`borrower` \\| `collector`'
 * describeParam(offsetSchema); // '`{ "days": whole number }` \\| `{ "months": whole number }` \\| `{ "workingDays": whole number }`'
 * ```
 */
export function describeParam(schema: z.ZodType): string {
  const def = defOf(schema);
  if (def.type === 'optional') return `${describeParam(def.innerType as z.ZodType)} (optional)`;
  return choicesOf(schema)
    .map((c) => `\`${c}\``)
    .join(' \\| ');
}

/** The choices of a parameter, nested unions flattened. Enum values are names and stay bare (`borrower`); other values are shown as written in JSON. */
function choicesOf(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type === 'enum') return Object.values(def.entries ?? {});
  if (def.type === 'union') return (def.options ?? []).flatMap(choicesOf);
  return [valueOf(schema)];
}
