/**
 * Vitest setup file: every test file gets a temp root of its own as `TMPDIR`, removed after the file, so
 * the temp directories a test makes (`mkdtempSync(join(tmpdir(), …))`, and those of the CLI processes it
 * starts, which inherit the variable) never outlive the run, whether or not the test cleans up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const outer = process.env['TMPDIR'];
const root = mkdtempSync(join(tmpdir(), 'postloan-test-'));
process.env['TMPDIR'] = root;

afterAll(() => {
  if (outer === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = outer;
  rmSync(root, { recursive: true, force: true });
});
