// Summarises the vitest JSON reports in a directory (one per run of `npm test`: the local time zone
// and the re-run under TZ=America/Los_Angeles). Each run is printed on its own line; the closing line
// counts distinct tests (file + full name) once, however many runs ran them:
//   failed  — failed in at least one run (or its file failed to load);
//   skipped — skipped in every run that has it;
//   passed  — the rest.
// Usage (by .ci/run): node scripts/test-summary.mjs <dir>. Exits 1 when a test failed or no results were found.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2] ?? '.vitest';
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const distinct = new Map(); // key → { failed, ran, skippedIn }
const skippedNames = new Set();
for (const f of files) {
  const report = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of report.testResults) {
    const name = relative(process.cwd(), file.name);
    const results = file.assertionResults.length === 0 && file.status === 'failed' ? [{ fullName: '(file failed to load)', status: 'failed' }] : file.assertionResults;
    for (const t of results) {
      const key = `${name} › ${t.fullName}`;
      const d = distinct.get(key) ?? { failed: false, ran: false };
      if (t.status === 'passed') {
        passed++;
        d.ran = true;
      } else if (t.status === 'failed') {
        failed++;
        d.failed = true;
        d.ran = true;
      } else {
        skipped++;
      }
      distinct.set(key, d);
    }
  }
  console.log(`run ${f.replace(/^results-|\.json$/g, '')}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const [key, d] of distinct) {
  if (d.failed) failed++;
  else if (d.ran) passed++;
  else {
    skipped++;
    skippedNames.add(key);
  }
}
for (const name of skippedNames) console.log(`skipped in every run: ${name}`);
if (files.length === 0 || passed + failed === 0) {
  console.error(`no test results found in ${dir}`);
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
