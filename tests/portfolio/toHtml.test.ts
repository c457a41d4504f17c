import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { portfolioReport } from '../../src/portfolio/report';
import { toHtml } from '../../src/portfolio/toHtml';
import { handBook, handOptions } from './handBook';
import { output, profile } from './replayOutputs';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

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

  // A real browser render needs Chromium, which this machine does not have; the test runs where it does.
  it.skipIf(CHROMIUM === undefined)('renders in headless Chromium with every chart in the DOM', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postloan-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html, 'utf8');
    const dom = execFileSync(CHROMIUM as string, ['--headless', '--disable-gpu', '--no-sandbox', '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000 });
    expect(dom.match(/<svg /g)).toHaveLength(4);
    expect(dom).toContain('Portfolio report');
  });
});
