import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The headless browser the HTML render tests use, when the machine has one. */
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
/** CI installs Debian's chromium and sets this, so the render tests cannot quietly skip there. */
export const CHROMIUM_REQUIRED = process.env['POSTLOAN_REQUIRE_CHROMIUM'] === '1';

/**
 * Opens a page in headless Chromium: the DOM it parsed and a PNG screenshot. With POSTLOAN_ARTIFACTS set
 * (CI sets `artifacts`), the screenshot is also kept there as `<name>.png` for people to look at.
 */
export function renderInChromium(html: string, name: string, size = '1200,2400'): { readonly dom: string; readonly png: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'postloan-html-'));
  try {
    const file = join(dir, 'page.html');
    writeFileSync(file, html, 'utf8');
    // Flags for a closed network and a root user: no background connections.
    const flags = ['--headless', '--disable-gpu', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`];
    const dom = execFileSync(CHROMIUM as string, [...flags, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
    const png = join(dir, 'page.png');
    execFileSync(CHROMIUM as string, [...flags, '--hide-scrollbars', `--window-size=${size}`, `--screenshot=${png}`, `file://${file}`], { timeout: 60_000, stdio: 'ignore' });
    const artifacts = process.env['POSTLOAN_ARTIFACTS'];
    if (artifacts !== undefined && artifacts !== '') {
      mkdirSync(artifacts, { recursive: true });
      copyFileSync(png, join(artifacts, `${name}.png`));
    }
    return { dom, png: readFileSync(png) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
