import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRuleReference } from '../src/rules/catalogueDoc';

describe('generated docs', () => {
  it('docs/rule-reference.md matches the fact catalogue, operators and decisions (run `npm run docs` after changing them)', () => {
    expect(readFileSync('docs/rule-reference.md', 'utf8')).toBe(renderRuleReference());
  });
});
