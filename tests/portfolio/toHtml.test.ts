import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { portfolioReport } from '../../src/portfolio/report';
import { toHtml } from '../../src/portfolio/toHtml';
import { handBook, handOptions } from './handBook';
import { output, profile } from './replayOutputs';
import { skipNote } from '../support/skipNote';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
// CI installs Debian's chromium and sets this, so the render test cannot quietly skip there.
const REQUIRED = process.env['POSTLOAN_REQUIRE_CHROMIUM'] === '1';

describe('toHtml', () => {
  const html = toHtml(portfolioReport(handBook(), handOptions));

  it('is one self-contained file: no scripts, stylesheets, images, fonts or URLs', () => {
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/https?:|\/\/[a-z]|<script|<link|<img|<iframe|@import|url\(|src=|href=/i);
    expect(html.match(/<html/g)).toHaveLength(1);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('draws the charts as inline SVG: bucket bars, two migration heat maps, the class mix', () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html.match(/<\/svg>/g)).toHaveLength(4);
    expect(html).toContain('<title id="bucket-title">Loans on the book by DPD bucket at 2026-06-30</title>');
    expect(html).toContain('<title id="migration-buckets-title">');
    expect(html).toContain('<title id="class-title">Classification mix by balance at 2026-06-30</title>');
    // The M2 → M3 cell of the bucket heat map: 1 of 1 loans, the darkest shade.
    expect(html).toContain('<title>M2 → M3: 1 of 1 loan (100.00 %)</title>');
    expect(html).toContain('fill="rgb(178,24,43)"');
  });

  it('shows the figures with their targets', () => {
    expect(html).toContain('Overdue rate (P-PF-1)');
    expect(html).toContain('68.72 %');
    expect(html).toContain('<span class="badge bad">not met (≤ 3.00 %)</span>');
    expect(html).toContain('<span class="badge ok">met (≥ 92.00 %)</span>');
    expect(html).toContain('96,345.00');
  });

  it('escapes every text that comes from the data', () => {
    const evil = '<script>alert("x")</script>&';
    const report = portfolioReport([{ profile: profile(evil, `B'${evil}`), end: output({ loanId: evil, asOf: handOptions.to, principal: '10.00' }) }], { ...handOptions, seed: evil });
    const page = toHtml(report);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(page).toContain('B&#39;&lt;script&gt;');
  });

  it.runIf(REQUIRED)('finds Chromium where CI installed it', () => {
    expect(CHROMIUM, 'POSTLOAN_REQUIRE_CHROMIUM=1 but no Chromium at /usr/bin/chromium: .ci/run installs Debian\'s chromium').toBeDefined();
  });

  // A real browser render needs Chromium: CI installs it; elsewhere the test runs where it is present.
  it.skipIf(skipNote(CHROMIUM === undefined, 'toHtml: the headless-Chromium render test needs /usr/bin/chromium (apt-get install chromium); CI installs it'))('renders in headless Chromium: every chart in the DOM, no parse errors, a real picture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postloan-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html, 'utf8');
    // Flags for a closed network and a root user (see the machine notes): no background connections.
    const flags = ['--headless', '--disable-gpu', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`];
    const dom = execFileSync(CHROMIUM as string, [...flags, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
    expect(dom.match(/<svg /g)).toHaveLength(4);
    expect(dom.match(/<\/svg>/g)).toHaveLength(4);
    expect(dom).toContain('Portfolio report');
    expect(dom).not.toContain('parsererror');
    const png = join(dir, 'report.png');
    execFileSync(CHROMIUM as string, [...flags, '--hide-scrollbars', '--window-size=1200,2400', `--screenshot=${png}`, `file://${file}`], { timeout: 60_000, stdio: 'ignore' });
    const image = readFileSync(png);
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
    // A blank page compresses to a few KiB; charts and tables make it far larger.
    expect(image.length).toBeGreaterThan(50_000);
  }, 120_000);
});
