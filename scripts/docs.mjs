// Regenerates docs/rule-reference.md and docs/tasks.md from the built package (npm run docs).
import { writeFileSync } from 'node:fs';
import { cnDefaultPack, renderRuleReference, renderTaskReference } from '../dist/index.js';

writeFileSync(new URL('../docs/rule-reference.md', import.meta.url), renderRuleReference());
console.log('docs/rule-reference.md written');
writeFileSync(new URL('../docs/tasks.md', import.meta.url), renderTaskReference(cnDefaultPack()));
console.log('docs/tasks.md written');
