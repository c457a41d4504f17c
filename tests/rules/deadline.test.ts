import { describe, expect, it } from 'vitest';
import { readPackDir } from '../../src/cli/files';
import { taskParamsSchema } from '../../src/rules/decisions';
import { loadPack } from '../../src/rules/loadPack';
import { renderTaskReference } from '../../src/rules/taskDoc';

// A task's deadline may be the end of a calendar month (`{ "endOfMonth": n }`), for policies that say "by
// the end of the month in which…" (us-ffiec's charge-off, P-US-2). Only `due` takes it.

const base = { kind: 'chargeOff', party: 'loanOfficer', anchor: 'conditionStart' } as const;
const accepts = (params: Record<string, unknown>): boolean => taskParamsSchema.safeParse({ ...base, ...params }).success;

describe('task deadline { "endOfMonth": n }', () => {
  it('due takes 0 (the anchor\'s month) to 120 months after, whole numbers only', () => {
    expect(accepts({ due: { endOfMonth: 0 } })).toBe(true);
    expect(accepts({ due: { endOfMonth: 120 } })).toBe(true);
    for (const bad of [-1, 121, 1.5, '0', null]) expect(accepts({ due: { endOfMonth: bad } }), String(bad)).toBe(false);
    expect(accepts({ due: { endOfMonth: 0, days: 3 } })).toBe(false);
  });

  it('is a deadline only: not an opening offset, nor a period exemption', () => {
    expect(accepts({ due: { days: 30 }, opens: { endOfMonth: 0 } })).toBe(false);
    expect(accepts({ anchor: 'monthEnd', due: { days: 10 }, skipIfDisbursedWithin: { endOfMonth: 0 } })).toBe(false);
  });

  it('the task reference says it in words', () => {
    const r = loadPack(readPackDir('rules/us-ffiec'), { dir: 'rules/us-ffiec/' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const rows = renderTaskReference(r.value).split('\n').filter((l) => l.includes('`chargeOff`'));
    expect(rows.filter((l) => l.includes('| by the end of the month |')).length).toBe(2);
    expect(rows.filter((l) => l.includes('| 60 calendar days after |') || l.includes('| 90 calendar days after |')).length).toBe(2);
    // Later months, as a variant of the pack would write them.
    const files = readPackDir('rules/us-ffiec');
    const doc = JSON.parse(files['charge-off.json'] as string) as { rules: { event: { params: { due: unknown } } }[] };
    const [first, second] = doc.rules;
    if (first === undefined || second === undefined) throw new Error('charge-off.json has its rules');
    first.event.params.due = { endOfMonth: 1 };
    second.event.params.due = { endOfMonth: 3 };
    const later = loadPack({ ...files, 'charge-off.json': JSON.stringify(doc) }, { dir: 'rules/us-ffiec/' });
    if (!later.ok) throw new Error(JSON.stringify(later.issues));
    const text = renderTaskReference(later.value);
    expect(text).toContain('| by the end of the next month |');
    expect(text).toContain('| by the end of the 3rd month after |');
  });
});
