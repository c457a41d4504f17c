import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as postloan from '../../src/index';
import { historyFileSchema } from '../../src/history/historySchema';
import { parseHistoryValue } from '../../src/history/parseHistory';

const examples = readdirSync('examples').filter((f) => f.endsWith('.json'));

describe('historyFileSchema', () => {
  it.each(examples)('accepts examples/%s, as parseHistory does', (file) => {
    const value: unknown = JSON.parse(readFileSync(`examples/${file}`, 'utf8'));
    expect(parseHistoryValue(value, file).ok).toBe(true);
    const r = historyFileSchema.safeParse(value);
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.events?.length).toBe((value as { events: unknown[] }).events.length);
  });

  it('refuses an unknown top-level key, a missing loan and an unknown event type', () => {
    const value = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as Record<string, unknown>;
    expect(historyFileSchema.safeParse({ ...value, loans: [] }).success).toBe(false);
    expect(historyFileSchema.safeParse({ events: [] }).success).toBe(false);
    expect(historyFileSchema.safeParse({ ...value, events: [{ id: 'e1', type: 'paymnet', on: '2026-02-15' }] }).success).toBe(false);
  });

  it('parses money to fen and dates to days, like parseHistory', () => {
    const value = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as Record<string, unknown>;
    const r = historyFileSchema.parse({ ...value, events: [{ id: 'p1', type: 'payment', on: '2026-02-15', amount: '10.05' }] });
    expect(r.events?.[0]).toMatchObject({ type: 'payment', amount: 1005 });
  });
});

describe('zod schemas exported by name from postloan', () => {
  it.each(['historyFileSchema', 'loanEventSchema', 'loanContractSchema', 'taskKindsFileSchema', 'taskKindSchema', 'closingEventSchema', 'calendarSchema'])('%s', (name) => {
    const schema = (postloan as Record<string, unknown>)[name] as { safeParse?: unknown } | undefined;
    expect(typeof schema?.safeParse).toBe('function');
  });

  it('the task-kinds and calendar schemas accept the shipped files', () => {
    expect(postloan.taskKindsFileSchema.safeParse(JSON.parse(readFileSync('rules/cn-default/task-kinds.json', 'utf8'))).success).toBe(true);
    for (const file of readdirSync('calendars').filter((f) => f.endsWith('.json'))) {
      expect(postloan.calendarSchema.safeParse(JSON.parse(readFileSync(`calendars/${file}`, 'utf8'))).success, file).toBe(true);
    }
  });
});
