import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../src/errors/describeValue';
import { formatIssues } from '../../src/errors/formatIssues';
import { parseJson } from '../../src/errors/parseJson';
import { escapeUnsafe, MAX_ID_LENGTH } from '../../src/errors/unsafeText';
import { parseHistoryValue } from '../../src/history/parseHistory';

const FORGED = '\n✖ The file is fine\n  → at /etc/passwd';

function history(edit: (h: { loan: Record<string, unknown>; events: Record<string, unknown>[] }) => void): unknown {
  const h = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { loan: Record<string, unknown>; events: Record<string, unknown>[] };
  edit(h);
  return h;
}

function issuesOf(value: unknown) {
  const r = parseHistoryValue(value, 'h.json');
  if (r.ok) throw new Error('expected the history to be refused');
  return r.issues;
}

describe('escapeUnsafe', () => {
  it.each([
    ['a\nb', 'a\\u000ab'],
    ['a\rb', 'a\\u000db'],
    ['\u001b[31mred', '\\u001b[31mred'],
    ['a\u0085b', 'a\\u0085b'],
    ['a\u2028b\u2029', 'a\\u2028b\\u2029'],
    ['abc\u202edcba', 'abc\\u202edcba'],
    ['\u2066x\u2069', '\\u2066x\\u2069'],
    ['借款人 L-1 ok', '借款人 L-1 ok'],
  ])('%j → %s', (given, shown) => {
    expect(escapeUnsafe(given)).toBe(shown);
  });
});

describe('ids: a length limit and no control characters', () => {
  // Regression: an id could hold a newline and forge a "✖ … → at /etc/passwd" block in messages,
  // warnings and explanations; ids had no length limit.
  it.each([
    ['loan.id', (h: { loan: Record<string, unknown> }) => (h.loan.id = `L-1${FORGED}`)],
    ['loan.borrower.id', (h: { loan: Record<string, unknown> }) => ((h.loan.borrower as Record<string, unknown>).id = 'B\u202e1')],
    ['events[0].id', (h: { events: Record<string, unknown>[] }) => ((h.events[0] as Record<string, unknown>).id = 'p1\u2028x')],
  ] as const)('%s with a control character is refused', (path, edit) => {
    const issues = issuesOf(history(edit));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'input.controlCharacter', path }));
  });

  it('an id longer than the limit is refused, one at the limit is accepted', () => {
    const long = issuesOf(history((h) => (h.loan.id = 'L'.repeat(MAX_ID_LENGTH + 1))));
    expect(long).toContainEqual(expect.objectContaining({ code: 'input.tooLong', path: 'loan.id', message: `An id may be at most ${MAX_ID_LENGTH} characters long; this one has ${MAX_ID_LENGTH + 1}` }));
    expect(parseHistoryValue(history((h) => (h.loan.id = 'L'.repeat(MAX_ID_LENGTH))), 'h.json').ok).toBe(true);
  });
});

describe('echoed input cannot forge a line', () => {
  // Regression: messages quoting user input printed its newlines raw.
  it('formatIssues escapes message, hint, file and path', () => {
    const text = formatIssues([{ code: 'input.invalid', file: `h.json${FORGED}`, path: `a${FORGED}`, message: `bad ${FORGED}`, hint: `fix ${FORGED}` }]);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).not.toMatch(/\n✖ The file is fine/);
  });

  it('describeValue escapes and shortens strings', () => {
    expect(describeValue(`x${FORGED}`)).not.toContain('\n');
    expect(describeValue('y'.repeat(1000)).length).toBeLessThan(100);
  });

  it('a free-text field with a newline is reported on one line per field', () => {
    const issues = issuesOf(history((h) => ((h.events[0] as Record<string, unknown>).on = `2026-01-01${FORGED}`)));
    const text = formatIssues(issues);
    expect(text).not.toContain('\n✖ The file is fine');
  });
});

describe('unparseable files are not echoed', () => {
  // Regression: the syntax error quoted the start of the file, e.g. `"root:x:0:0"... is not valid JSON`.
  it('a file that is not JSON at all', () => {
    const r = parseJson('root:x:0:0:root:/root:/bin/bash\n', 'rules/p/pack.json');
    expect(r.ok).toBe(false);
    const text = formatIssues(r.ok ? [] : r.issues);
    expect(text).not.toContain('root:x');
    expect(text).toContain('The file is not valid JSON');
  });

  it('a JSON file with an unquoted value', () => {
    const r = parseJson('{"description": secret-words}', 'x.json');
    expect(formatIssues(r.ok ? [] : r.issues)).not.toContain('secret');
  });
});
