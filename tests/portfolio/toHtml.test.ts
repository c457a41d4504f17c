import { describe, expect, it } from 'vitest';
import { portfolioReport } from '../../src/portfolio/report';
import { toHtml } from '../../src/portfolio/toHtml';
import { handBook, handOptions } from './handBook';
import { output, profile } from './replayOutputs';
import { skipNote } from '../support/skipNote';
import { CHROMIUM, CHROMIUM_REQUIRED as REQUIRED, renderInChromium } from '../support/chromium';

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
  it('reads in Chinese with --lang zh-CN: headings, figures and labels; codes and numbers unchanged', () => {
    const zh = toHtml(portfolioReport(handBook(), handOptions), 'zh-CN');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<h1>贷后资产组合报告 ');
    expect(zh).toContain('逾期率（P-PF-1）');
    expect(zh).toContain('<span class="badge bad">未达标 (≤ 3.00 %)</span>');
    expect(zh).toContain('68.72 %');
    expect(zh).toContain('96,345.00');
    expect(zh).toContain('<th>五级分类</th>');
    expect(zh).not.toContain('Asset quality');
    expect(html).toContain('<html lang="en">');
  });

  it('titles the charts and their tooltips in the locale', () => {
    const zh = toHtml(portfolioReport(handBook(), handOptions), 'zh-CN');
    const titles = (page: string): string[] => [...page.matchAll(/<title id="[a-z-]+">([^<]*)<\/title>/g)].map((m) => m[1] as string);
    expect(titles(zh)).toHaveLength(4);
    for (const t of titles(zh)) expect(t).toMatch(/[\u4e00-\u9fff]/);
    expect(titles(html)[0]).toMatch(/^Loans on the book by DPD bucket at /);
    expect(zh).toMatch(/<g><title>M0：\d+ 笔，[\d,.]+ 元（占余额 [\d.]+ %）<\/title>/);
    expect(zh).not.toMatch(/<title>[^<]*\b(loans?|yuan)\b/);
  });

  // A real browser render needs Chromium: CI installs it; elsewhere the test runs where it is present.
  it.skipIf(skipNote(CHROMIUM === undefined, 'toHtml: the headless-Chromium render test needs /usr/bin/chromium (apt-get install chromium); CI installs it'))('renders in headless Chromium in both locales: every chart in the DOM, no parse errors, a real picture', () => {
    for (const [locale, page] of [['en', html], ['zh-CN', toHtml(portfolioReport(handBook(), handOptions), 'zh-CN')]] as const) {
      const { dom, png } = renderInChromium(page, `portfolio-report-${locale}`);
      expect(dom.match(/<svg /g)).toHaveLength(4);
      expect(dom.match(/<\/svg>/g)).toHaveLength(4);
      expect(dom).toContain(locale === 'en' ? 'Portfolio report' : '贷后资产组合报告');
      expect(dom).not.toContain('parsererror');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // A blank page compresses to a few KiB; charts and tables make it far larger.
      expect(png.length).toBeGreaterThan(50_000);
    }
  }, 240_000);
});

describe('toHtml: the currency of the figures', () => {
  const report = portfolioReport(handBook(), handOptions);

  it('regression: a book in US dollars was labelled yuan (元) in both languages', () => {
    const en = toHtml({ ...report, currency: 'USD' }, 'en');
    expect(en).toContain('<td>balance (USD)</td>');
    expect(en).toMatch(/<title>M0: \d+ loans?, [\d,.]+ USD \(/);
    expect(en).not.toMatch(/yuan/);
    const zh = toHtml({ ...report, currency: 'USD' }, 'zh-CN');
    expect(zh).toContain('<td>贷款余额（USD）</td>');
    expect(zh).toMatch(/<title>M0：\d+ 笔，[\d,.]+ USD（/);
    expect(zh).not.toContain('元');
  });

  it('a book in yuan (named or by default) is labelled as before', () => {
    for (const r of [report, { ...report, currency: 'CNY' }]) {
      expect(toHtml(r, 'en')).toContain('<td>balance (yuan)</td>');
      expect(toHtml(r, 'en')).toMatch(/<title>M0: \d+ loans?, [\d,.]+ yuan \(/);
      expect(toHtml(r, 'zh-CN')).toContain('<td>贷款余额（元）</td>');
    }
  });
});
