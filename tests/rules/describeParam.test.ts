import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderRuleReference } from '../../src/rules/catalogueDoc';
import { offsetSchema } from '../../src/rules/decisions';
import { describeParam } from '../../src/rules/describeParam';

describe('decision parameters in the rule reference', () => {
  it("regression: the reference showed `[object Object]` for a task's due, and nothing for its other parameters", () => {
    const page = renderRuleReference();
    expect(page).not.toContain('[object');
    const task = page.split('\n').find((l) => l.startsWith('| `task` |')) as string;
    expect(task).toContain('`due`: `{ "days": whole number }` \\| `{ "months": whole number }` \\| `{ "workingDays": whole number }` \\| `{ "endOfMonth": whole number }`;');
    expect(task).toContain('`opens`: `{ "days": whole number }` \\| `{ "months": whole number }` \\| `{ "workingDays": whole number }` \\| `"periodStart"` (optional);');
    expect(task).toContain('`kind`: `text`;');
    expect(task).toContain('`times`: `whole number` (optional)');
    expect(task).not.toMatch(/`\w+`: ;/);
  });

  it('shows enums by name, other values as written in JSON, nested unions flattened', () => {
    expect(describeParam(z.enum(['borrower', 'collector']))).toBe('`borrower` \\| `collector`');
    expect(describeParam(offsetSchema.optional())).toBe('`{ "days": whole number }` \\| `{ "months": whole number }` \\| `{ "workingDays": whole number }` (optional)');
    expect(describeParam(z.union([z.literal('a'), z.union([z.number(), z.boolean()])]))).toBe('`"a"` \\| `number` \\| `boolean`');
    expect(describeParam(z.record(z.string(), z.array(z.string())))).toBe('`{ field: [text, …] }`');
  });
});
