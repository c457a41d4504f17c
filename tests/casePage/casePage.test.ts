import { describe, expect, it } from 'vitest';
import { casePage } from '../../src/casePage/casePage';
import { dpdSeries } from '../../src/casePage/dpdSeries';
import type { ReplayOutput } from '../../src/engine/output';
import { replay } from '../../src/engine/replay';
import { LOCALES } from '../../src/i18n/locale';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';
import { readFileSync } from 'node:fs';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistory, type History } from '../../src/history/parseHistory';
import { CHROMIUM, CHROMIUM_REQUIRED, renderInChromium } from '../support/chromium';
import { skipNote } from '../support/skipNote';

const EXAMPLES = ['cured-m1', 'rolls-to-outsourced', 'settled'] as const;
const pack = cnDefaultPack();

function loadHistory(file: string): History {
  return unwrap(parseHistory(readFileSync(file, 'utf8'), file));
}

function page(name: string, locale: (typeof LOCALES)[number]): { output: ReplayOutput; html: string } {
  const history = loadHistory(`examples/${name}.json`);
  const output = replay(history, pack, { asOf: day('2026-04-20') });
  return { output, html: casePage({ output, dpd: dpdSeries(history, pack, output), events: history.events }, locale) };
}

/** The attribute values of the marks of one class, in document order. */
function marks(html: string, cls: string, attr: string): string[] {
  return [...html.matchAll(new RegExp(`class="mark ${cls}"[^>]*?${attr}="([^"]*)"`, 'g'))].map((m) => m[1] as string);
}

describe('casePage', () => {
  const rolls = page('rolls-to-outsourced', 'zh-CN');

  it('is one self-contained file: no scripts, stylesheets, images, fonts or URLs; links only inside the page', () => {
    const { html } = rolls;
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).not.toMatch(/https?:|\/\/[a-z]|<script|<link|<img|<iframe|@import|url\(|src=/i);
    expect([...html.matchAll(/href="([^"]*)"/g)].every((m) => /^#d-\d+$/.test(m[1] as string))).toBe(true);
  });

  it.each(EXAMPLES.flatMap((name) => LOCALES.map((locale) => [name, locale] as const)))('%s (%s): every state change and every breached task is marked once', (name, locale) => {
    const { output, html } = page(name, locale);
    const changes = output.timeline.filter((e) => e.kind === 'stateChanged');
    expect(marks(html, 'state-change', 'data-on')).toEqual(changes.map((e) => e.on));
    expect(marks(html, 'state-change', 'data-to')).toEqual(changes.map((e) => e.to));
    const breached = output.tasks.filter((t) => t.status === 'breached').map((t) => t.id);
    expect(marks(html, 'task-breached', 'data-task')).toEqual(breached);
    const classChanges = output.timeline.filter((e) => e.kind === 'classificationChanged');
    expect(marks(html, 'class-change', 'data-to')).toEqual(classChanges.map((e) => e.to));
    // Every mark links to its decision row, which exists.
    for (const m of html.matchAll(/href="#(d-\d+)"/g)) expect(html).toContain(`<tr id="${m[1] as string}">`);
  });

  it('draws the DPD curve through the replay\'s DPD at the as-of date, over the bucket bands', () => {
    const { output, html } = rolls;
    expect(output.dpd).toBeGreaterThan(90);
    expect(html.match(/class="bucket-band"/g)?.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain('<polyline class="dpd-line"');
    const history = loadHistory('examples/rolls-to-outsourced.json');
    const series = dpdSeries(history, pack, output);
    expect(series.at(-1)).toEqual({ on: '2026-04-20', dpd: output.dpd });
    // A point the day a state changed: the DPD the decision saw.
    for (const e of output.timeline) if (e.kind === 'stateChanged' && e.inputs !== undefined) expect(series.find((p) => p.on === e.on)?.dpd).toBe(e.inputs['dpd']);
  });

  it('reads in the chosen locale; codes, ids and rule ids stay as they are', () => {
    const en = page('rolls-to-outsourced', 'en').html;
    expect(rolls.html).toContain('贷后档案');
    expect(rolls.html).toContain('委外催收');
    expect(rolls.html).toContain('超期未办');
    expect(en).toContain('Loan case file');
    expect(en).toContain('Outsourced collection');
    for (const html of [en, rolls.html]) {
      expect(html).toContain('P-LC-4');
      expect(html).toContain(rolls.output.pack.hash);
      expect(html).toContain('data-state="outsourced"');
    }
  });

  it('masks personal data and escapes every text from the data', () => {
    const evil = '<script>alert("x")</script> 13812345678';
    const output: ReplayOutput = { ...rolls.output, loanId: evil, timeline: [...rolls.output.timeline, { id: 'tl-9', on: '2026-04-01', kind: 'policyBreach', ruleIds: ['P-CS-6'], eventId: 'e9', breach: 'contactHours', message: evil }] };
    const html = casePage({ output, dpd: [] }, 'en');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('13812345678');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 138****5678');
    expect(html).toContain('<tr class="breach">');
  });

  it.runIf(CHROMIUM_REQUIRED)('finds Chromium where CI installed it', () => {
    expect(CHROMIUM, 'POSTLOAN_REQUIRE_CHROMIUM=1 but no Chromium at /usr/bin/chromium').toBeDefined();
  });

  it.skipIf(skipNote(CHROMIUM === undefined, 'casePage: the headless-Chromium render test needs /usr/bin/chromium (apt-get install chromium); CI installs it'))(
    'renders every example in both locales in headless Chromium: the charts in the DOM, a real picture',
    () => {
      for (const name of EXAMPLES) {
        for (const locale of LOCALES) {
          const { output, html } = page(name, locale);
          const { dom, png } = renderInChromium(html, `case-${name}-${locale}`, '1100,2000');
          expect(dom).not.toContain('parsererror');
          expect(dom.match(/<svg /g)).toHaveLength(2);
          expect(dom.match(/class="mark state-change"/g)?.length ?? 0).toBe(output.timeline.filter((e) => e.kind === 'stateChanged').length);
          expect(dom).toContain(locale === 'zh-CN' ? '贷后档案' : 'Loan case file');
          expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
          expect(png.length).toBeGreaterThan(30_000);
        }
      }
    },
    300_000,
  );
});

describe('case page: the currency of the amounts', () => {
  it('regression: a loan in US dollars was labelled yuan (元)', () => {
    const history = loadHistory('examples/rolls-to-outsourced.json');
    const usd: History = { ...history, loan: { ...history.loan, currency: 'USD' } };
    const output = replay(usd, pack, { asOf: day('2026-04-20') });
    expect(output.currency).toBe('USD');
    const input = { output, dpd: dpdSeries(usd, pack, output), events: usd.events };
    const en = casePage(input, 'en');
    expect(en).toContain('<h2>Balances (USD)</h2>');
    expect(en).not.toMatch(/yuan/);
    const zh = casePage(input, 'zh-CN');
    expect(zh).toContain('(USD)</h2>');
    expect(zh).not.toContain('元');
    expect(page('rolls-to-outsourced', 'zh-CN').html).toContain('(元)</h2>');
  });
});
