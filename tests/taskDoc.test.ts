import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cnDefaultPack } from '../src/rules/defaultPack';
import { renderTaskReference } from '../src/rules/taskDoc';

/** The rows of the task-rules table, keyed by rule id, in document order. */
function ruleRows(doc: string): { id: string; policy: string; line: string }[] {
  const start = doc.indexOf('## Task rules');
  const end = doc.indexOf('## Task kinds');
  return doc
    .slice(start, end)
    .split('\n')
    .filter((l) => /^\| P-/.test(l))
    .map((line) => {
      const cells = line.split(' | ');
      return { policy: (cells[0] ?? '').replace(/^\| /, ''), id: (cells[1] ?? '').replace(/`/g, ''), line };
    });
}

describe('docs/tasks.md', () => {
  const pack = cnDefaultPack();
  const doc = renderTaskReference(pack);

  it('matches the cn-default pack (run `npm run docs` after changing task rules or task kinds)', () => {
    expect(readFileSync('docs/tasks.md', 'utf8')).toBe(doc);
  });

  it('is deterministic', () => {
    expect(renderTaskReference(pack)).toBe(doc);
  });

  it('names the pack and has one row per task rule of the pack', () => {
    expect(doc).toContain(`pack \`${pack.id}\` ${pack.version}`);
    const ids = ruleRows(doc).map((r) => r.id);
    const taskRuleIds = pack.rulesByType.task.map((r) => r.id);
    expect(taskRuleIds.length).toBeGreaterThan(0);
    expect([...ids].sort()).toEqual([...taskRuleIds].sort());
  });

  it('documents every task kind', () => {
    for (const kind of Object.keys(pack.taskKinds)) expect(doc).toContain(`| \`${kind}\` |`);
  });

  it('sorts policy ids naturally: P-IN before P-NT before the rest, P-IN-10 after P-IN-9', () => {
    const policies = ruleRows(doc).map((r) => r.policy);
    expect(policies.lastIndexOf('P-IN-9')).toBeLessThan(policies.indexOf('P-IN-10'));
    expect(policies.lastIndexOf('P-NT-9')).toBeLessThan(policies.indexOf('P-NT-10'));
    expect(policies.lastIndexOf('P-IN-10')).toBeLessThan(policies.indexOf('P-NT-1'));
    expect(policies.lastIndexOf('P-NT-10')).toBeLessThan(policies.findIndex((p) => p.startsWith('P-LC-')));
  });

  it('puts deadlines in words', () => {
    const rows = ruleRows(doc);
    const nt4 = rows.filter((r) => r.policy === 'P-NT-4');
    expect(nt4.length).toBeGreaterThan(0);
    for (const r of nt4) expect(r.line).toContain('| 10 working days after | the final maturity, if unpaid |');
    expect(rows.find((r) => r.id === 'maturity-notice-borrower')?.line).toContain('| 1 month before |');
    expect(rows.find((r) => r.id === 'callback-after-disbursement')?.line).toContain('| 7 calendar days after | the disbursement date |');
    expect(rows.find((r) => r.id === 'limitation-warning')?.line).toContain('| 90 calendar days before |');
    expect(rows.find((r) => r.id === 'monthly-work-log')?.line).toContain('| on the day | the end of each month | the start of the month |');
    expect(rows.find((r) => r.id === 'maturity-notice-guarantors')?.line).toContain('| each guarantor |');
  });

  it('says what closes each kind, with the rule descriptions and the calendar', () => {
    expect(doc).toContain('`noticeSent` with kind `collectionNotice`, receiptSigned `true`, for the same party (`party`)');
    expect(doc).toContain('贷款催收通知书');
    expect(doc).toContain('calendar `cn`');
    expect(doc).toContain('"calendarFallback": "weekends"');
  });
});
