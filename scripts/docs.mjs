// Regenerates docs/rule-reference.md from the built package (npm run docs).
import { writeFileSync } from 'node:fs';
import { renderRuleReference } from '../dist/index.js';

writeFileSync(new URL('../docs/rule-reference.md', import.meta.url), renderRuleReference());
console.log('docs/rule-reference.md written');
