import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { services } from '../support/services';

const run = promisify(execFile);
// The example imports the package by name ('postloan', 'postloan/postgres'), which resolves to dist/.
const built = existsSync('dist/index.js') && existsSync('dist/postgres.js');

describe.skipIf(services.missing !== null || !built)('examples/postgres-host.mjs', () => {
  it('runs against the test database: a back-dated payment replays, the repeat is a no-op, the feed has withdrawn rows', async () => {
    const { stdout } = await run(process.execPath, ['examples/postgres-host.mjs'], { env: { ...process.env, POSTLOAN_DATABASE_URL: services.postgresUrl as string }, timeout: 60_000 });
    expect(stdout).toContain("how: 'replayed'");
    expect(stdout).toContain("how: 'unchanged'");
    expect(stdout).toMatch(/L-2026-0001 2026-05-31 \w+/);
    expect(stdout).toMatch(/change feed: \d+ rows \([1-9]\d* withdrawn by the back-dated payment\)/);
  });
});

it.runIf(process.env['POSTLOAN_REQUIRE_BUILD'] === '1')('the example host has its build (CI builds before testing)', () => {
  expect(built, 'dist/index.js or dist/postgres.js is missing: run `npm run build` first').toBe(true);
});
