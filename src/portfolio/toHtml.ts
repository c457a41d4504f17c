/**
 * The portfolio report as one self-contained HTML page: inline CSS, charts drawn as inline SVG by hand,
 * no scripts, no fonts, no external URLs — it opens offline, prints, and can be mailed as one file.
 */
import type { MigrationMatrix, PortfolioReport, TargetedRatio } from './report';
import { esc, yuan, type Cell } from './htmlText';
import type { CurrencyReport } from './currencyReports';
import { DEFAULT_CURRENCY } from '../contract/currency';
import { catalogueFor, labelOf } from '../i18n/catalogueFor';
import type { ReportTexts } from '../i18n/catalogue';
import type { Locale } from '../i18n/locale';

/** A 4-decimal ratio string as ten-thousandths (0 … 10000 for shares), for drawing; 0 for `null`. */
function units(ratio: string | null): number {
  if (ratio === null) return 0;
  const [whole = '0', fraction = ''] = ratio.split('.');
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, '0').slice(0, 4));
}

/** A ratio as a percentage with 2 decimals: '0.0213' → '2.13 %'. */
function percent(ratio: string | null): string {
  if (ratio === null) return '—';
  const u = units(ratio);
  return `${Math.trunc(u / 100)}.${String(u % 100).padStart(2, '0')} %`;
}

function table(headers: readonly string[], rows: readonly (readonly Cell[])[], numericFrom = 1): string {
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function metBadge(r: TargetedRatio, atMost: boolean, t: ReportTexts): string {
  if (r.met === null) return '<span class="badge na">n/a</span>';
  return `<span class="badge ${r.met ? 'ok' : 'bad'}">${esc(r.met ? t.met : t.notMet)} (${atMost ? '≤' : '≥'} ${esc(percent(r.target.length > 0 ? toRatio4(r.target) : null))})</span>`;
}

/** A target such as '0.03' in the 4-decimal form `percent` reads. */
function toRatio4(target: string): string {
  const [whole = '0', fraction = ''] = target.split('.');
  return `${whole}.${fraction.padEnd(4, '0').slice(0, 4)}`;
}

function card(label: string, value: string, badge: string): string {
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div>${badge}</div>`;
}

/** Vertical bars: loans on the book by DPD bucket at the period end. */
function bucketChart(report: PortfolioReport, t: ReportTexts, unit: string): string {
  const rows = report.distribution.buckets;
  const max = Math.max(1, ...rows.map((r) => r.loans));
  const width = 640;
  const height = 240;
  const left = 48;
  const bottom = 32;
  const plotH = height - bottom - 16;
  const slot = Math.floor((width - left - 8) / rows.length);
  const bars = rows
    .map((r, i) => {
      // A bucket with loans stays visible next to a dominant M0: at least 2 px.
      const h = r.loans === 0 ? 0 : Math.max(2, Math.round((r.loans * plotH) / max));
      const x = left + i * slot + 6;
      const y = height - bottom - h;
      return [
        `<g><title>${esc(t.chartBar(r.key, r.loans, yuan(r.balance), unit, percent(r.shareOfBalance)))}</title>`,
        `<rect x="${x}" y="${y}" width="${slot - 12}" height="${h}" fill="${i === 0 ? '#4c9a6a' : i < 4 ? '#e0a030' : '#c0392b'}"/>`,
        `<text x="${x + (slot - 12) / 2}" y="${y - 4}" text-anchor="middle" class="small">${r.loans}</text>`,
        `<text x="${x + (slot - 12) / 2}" y="${height - bottom + 16}" text-anchor="middle">${esc(r.key)}</text></g>`,
      ].join('');
    })
    .join('\n');
  return [
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="bucket-title">`,
    `<title id="bucket-title">${esc(t.bucketChart(report.period.to))}</title>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - 4}" y2="${height - bottom}" stroke="#555"/>`,
    `<text x="${left - 6}" y="${height - bottom - plotH + 4}" text-anchor="end" class="small">${max}</text>`,
    `<text x="${left - 6}" y="${height - bottom}" text-anchor="end" class="small">0</text>`,
    bars,
    '</svg>',
  ].join('\n');
}

/** Heat map of a migration matrix: cell colour = the row's share moving to the column. */
function heatMap<K extends string>(m: MigrationMatrix<K>, id: string, caption: string, t: ReportTexts): string {
  const cell = 52;
  const left = 96;
  const top = 40;
  const n = m.keys.length;
  const width = left + n * cell + 64;
  const height = top + n * cell + 8;
  const shade = (u: number): string => {
    // White (no loans) to deep red (every loan of the row): integer interpolation per channel.
    const ch = (from: number, to: number) => Math.round(from + ((to - from) * u) / 10_000);
    return `rgb(${ch(255, 178)},${ch(255, 24)},${ch(255, 43)})`;
  };
  const header = m.keys.map((k, j) => `<text x="${left + j * cell + cell / 2}" y="${top - 8}" text-anchor="middle" class="small">${esc(k)}</text>`).join('');
  const rows = m.rows
    .map((r, i) => {
      const y = top + i * cell;
      const cells = r.cells
        .map((c, j) => {
          const u = units(c.rate);
          return [
            `<g><title>${esc(t.chartMove(r.from, c.to, c.count, r.count, percent(c.rate)))}</title>`,
            `<rect x="${left + j * cell}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${r.count === 0 ? '#f4f4f4' : shade(u)}"/>`,
            c.count > 0 ? `<text x="${left + j * cell + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" class="small" fill="${u > 5000 ? '#fff' : '#222'}">${c.count}</text>` : '',
            '</g>',
          ].join('');
        })
        .join('');
      return `<text x="${left - 8}" y="${y + cell / 2 + 4}" text-anchor="end" class="small">${esc(r.from)} (${r.count})</text>${cells}`;
    })
    .join('\n');
  return [
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title">`,
    `<title id="${id}-title">${esc(caption)}</title>`,
    header,
    rows,
    '</svg>',
  ].join('\n');
}

const CLASS_COLOURS: Readonly<Record<string, string>> = { pass: '#4c9a6a', specialMention: '#e0a030', substandard: '#e06030', doubtful: '#c0392b', loss: '#6d1a1a' };

/** One horizontal bar split by each class's share of the balance, with a legend. */
function classChart(report: PortfolioReport, t: ReportTexts, unit: string): string {
  const width = 720;
  const barW = 680;
  const rows = report.distribution.classes;
  let x = 20;
  const parts = rows
    .map((r) => {
      const w = Math.round((units(r.shareOfBalance) * barW) / 10_000);
      const part = w > 0 ? `<g><title>${esc(t.chartBar(r.key, r.loans, yuan(r.balance), unit, percent(r.shareOfBalance)))}</title><rect x="${x}" y="20" width="${w}" height="36" fill="${CLASS_COLOURS[r.key] ?? '#888'}"/></g>` : '';
      x += w;
      return part;
    })
    .join('');
  const legend = rows
    .map((r, i) => `<rect x="${20 + i * 140}" y="74" width="12" height="12" fill="${CLASS_COLOURS[r.key] ?? '#888'}"/><text x="${36 + i * 140}" y="85" class="small">${esc(`${r.key} ${percent(r.shareOfBalance)}`)}</text>`)
    .join('');
  return [
    `<svg viewBox="0 0 ${width} 100" width="${width}" height="100" role="img" aria-labelledby="class-title">`,
    `<title id="class-title">${esc(t.classChart(report.period.to))}</title>`,
    `<rect x="20" y="20" width="${barW}" height="36" fill="#f4f4f4"/>`,
    parts,
    legend,
    '</svg>',
  ].join('\n');
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:1.5rem;margin-bottom:4px}h2{font-size:1.15rem;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#666;font-size:.9rem}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:150px}
.card .label{font-size:.8rem;color:#666}.card .value{font-size:1.4rem;font-weight:600;margin:2px 0}
.badge{font-size:.75rem;padding:1px 6px;border-radius:8px}.ok{background:#dff0e4;color:#1d6b3a}.bad{background:#f8dcd8;color:#9b2515}.na{background:#eee;color:#666}
table{border-collapse:collapse;font-size:.85rem;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}th{background:#f6f6f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
svg text{font-size:12px;fill:#222}svg text.small{font-size:11px}
@media print{h2{break-after:avoid}svg{max-width:100%}}
`;

/**
 * Renders a portfolio report as one self-contained HTML file: inline CSS, three inline SVG charts
 * drawn by hand (DPD bucket distribution, bucket migration heat map, classification mix) and the
 * report's tables. No scripts, fonts or external URLs; every text from the report is HTML-escaped.
 * Amounts are labelled in the report's currency (`currency`, else CNY).
 *
 * @example
 * ```ts
 * writeFileSync('report.html', toHtml(report), 'utf8');
 * toHtml(report).includes('<svg'); // true
 * ```
 */
export function toHtml(report: CurrencyReport, locale: Locale = 'en'): string {
  const cat = catalogueFor(locale);
  const t = cat.report;
  // The figures' currency: a report of a book whose loans name none is in the default, the yuan.
  const unit = cat.currencyUnit(report.currency ?? DEFAULT_CURRENCY);
  const zh = locale !== 'en';
  const { quality, cure, provisioning } = report;
  const end = quality.end;
  const pack = report.pack === null ? t.noLoans : `${report.pack.id} ${report.pack.version}`;
  const q = t.qualityRows;
  const qualityRows: Cell[][] = [
    [q[0], quality.start.loans, end.loans],
    [t.inUnit(q[1], unit), yuan(quality.start.balance), yuan(end.balance)],
    [q[2], quality.start.overdueLoans, end.overdueLoans],
    [q[3], yuan(quality.start.overdueBalance), yuan(end.overdueBalance)],
    [q[4], percent(quality.start.overdueRate.byBalance.value), percent(end.overdueRate.byBalance.value)],
    [q[5], percent(quality.start.overdueRate.byCount), percent(end.overdueRate.byCount)],
    [q[6], quality.start.nplLoans, end.nplLoans],
    [q[7], yuan(quality.start.nplBalance), yuan(end.nplBalance)],
    [q[8], percent(quality.start.nplRatio.byBalance.value), percent(end.nplRatio.byBalance.value)],
    [q[9], percent(quality.start.nplRatio.byCount), percent(end.nplRatio.byCount)],
  ];
  const classWord = (c: string): string => (zh ? labelOf(cat.classification, c) : c);
  const sample = report.supervisorySample;
  const body = [
    `<h1>${esc(t.title)} ${esc(report.period.from)} → ${esc(report.period.to)}</h1>`,
    `<p class="meta">${esc(t.pack)} ${esc(pack)}${report.pack === null ? '' : ` · ${esc(report.pack.hash)}`} · ${esc(t.seed)} “${esc(report.seed)}” · ${esc(t.reported(report.loans.reported))} · ${esc(t.withErrors(report.errors.length))}</p>`,
    '<div class="cards">',
    card(t.cards[0], percent(end.overdueRate.byBalance.value), metBadge(end.overdueRate.byBalance, true, t)),
    card(t.cards[1], percent(end.nplRatio.byBalance.value), metBadge(end.nplRatio.byBalance, true, t)),
    card(t.cards[2], percent(cure.m1.byCount.value), metBadge(cure.m1.byCount, false, t)),
    card(t.cards[3], percent(cure.m2m3.byCount.value), metBadge(cure.m2m3.byCount, false, t)),
    card(t.cards[4], yuan(provisioning.required), `<span class="badge na">${esc(t.coverage)} ${esc(percent(provisioning.coverageRatio))}</span>`),
    '</div>',
    `<h2>${esc(t.quality)}</h2>`,
    table([t.figure, `${t.start} ${report.period.from}`, `${t.end} ${report.period.to}`], qualityRows),
    `<h2>${esc(t.buckets)}</h2>`,
    bucketChart(report, t, unit),
    table(t.bucketHeaders, report.distribution.buckets.map((d) => [d.key, d.loans, yuan(d.balance), percent(d.shareOfBalance)])),
    `<h2>${esc(t.migration)}</h2>`,
    table(
      t.cureHeaders,
      [
        [t.cureRows[0], cure.m1.loans, cure.m1.cured, percent(cure.m1.byCount.value), `≥ ${percent(toRatio4(cure.m1.byCount.target))}`],
        [t.cureRows[1], cure.m2m3.loans, cure.m2m3.cured, percent(cure.m2m3.byCount.value), `≥ ${percent(toRatio4(cure.m2m3.byCount.target))}`],
      ],
    ),
    heatMap(report.migration.buckets, 'migration-buckets', t.migrationChart('buckets', report.period.from, report.period.to), t),
    heatMap(report.migration.classes, 'migration-classes', t.migrationChart('classes', report.period.from, report.period.to), t),
    `<h2>${esc(t.classMix)}</h2>`,
    classChart(report, t, unit),
    `<h2>${esc(t.provisioning)}</h2>`,
    table(
      t.provisionHeaders,
      [
        ...provisioning.byClass.map((p) => [classWord(p.classification), p.loans, yuan(p.balance), p.rate, yuan(p.required)]),
        [t.provisionRows[0], '', '', '', yuan(provisioning.required)],
        [t.provisionRows[1], '', '', '', yuan(provisioning.held)],
        [t.provisionRows[2], '', '', '', percent(provisioning.coverageRatio)],
        [t.provisionRows[3], '', '', '', percent(provisioning.adequacyRatio)],
        [t.provisionRows[4], '', '', '', percent(provisioning.requiredToBalance)],
      ],
    ),
    `<h2>${esc(t.tasks)}</h2>`,
    table(t.taskHeaders, report.tasks.map((k) => [zh ? labelOf(cat.taskKind, k.kind) : k.kind, k.opened, k.due, k.done, k.late, k.breached, k.outstandingBreached, percent(k.onTimeRate)])),
    `<h2>${esc(t.agencies)}</h2>`,
    table(
      t.agencyHeaders,
      report.agencies.map((a) => [a.agencyId, a.cases, yuan(a.recovered), yuan(a.owedAtEnd), percent(a.recoveryRate), percent(a.caseCoverage), percent(a.visitRate), t.notRecorded]),
    ),
    `<h2>${esc(t.sample)} — ${esc(t.seed)} “${esc(sample.seed)}”</h2>`,
    `<p class="meta">${esc(t.population(sample.population.borrowers, sample.population.loans))}</p>`,
    table(t.sampleHeaders, sample.borrowers.map((b) => [b.borrowerId, b.tier, classWord(b.classification), yuan(b.balance), b.secured ? t.yes : t.no, b.guaranteed ? t.yes : t.no, b.reason, b.loanIds.join(' ')]), 3),
    table(t.requirementHeaders, sample.requirements.map((r) => [r.requirement, r.required, r.actual, r.met ? t.yes : t.no])),
    `<h2>${esc(t.spotCheck)} ${esc(report.spotCheck.month)}</h2>`,
    `<p>${esc(t.spotLine(report.spotCheck.sampleSize, report.spotCheck.population, report.spotCheck.rate))}, ${esc(t.seed)} “${esc(report.spotCheck.seed)}”: ${esc(report.spotCheck.loanIds.join(', ') || '—')}</p>`,
    `<h2>${esc(t.notes)}</h2>`,
    `<ul>${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
    `<h2>${esc(t.errors)}</h2>`,
    report.errors.length === 0
      ? `<p>${esc(t.noErrors)}</p>`
      : table(t.errorHeaders, report.errors.flatMap((e) => e.issues.map((i) => [e.source, e.line, e.loanId, `${zh ? `${cat.issue[i.code]}：` : ''}${i.message}${i.path === '' ? '' : ` (${t.at} ${i.path})`}`])), 99),
  ].join('\n');
  return `<!doctype html>\n<html lang="${zh ? 'zh-CN' : 'en'}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(zh ? `${t.title} ${report.period.from} – ${report.period.to}` : `Portfolio report ${report.period.from} to ${report.period.to}`)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}
