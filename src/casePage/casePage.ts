/**
 * The loan case page (贷后档案): one self-contained HTML file drawn from a replay — no scripts, fonts or
 * URLs, inline CSS and hand-drawn inline SVG, in the chosen locale. Every text from the loan's data is
 * masked (P-CT-3) and escaped; codes, ids and rule ids are shown as they are.
 */
import type { ReplayOutput, TaskOutput, TimelineEntry } from '../engine/output';
import { timelineSentence } from '../i18n/timelineReason';
import { maskPersonalData } from '../errors/maskPersonalData';
import type { LoanEvent } from '../history/events';
import type { Catalogue } from '../i18n/catalogue';
import { catalogueFor, labelOf } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';
import { esc, yuan, type Cell } from '../portfolio/htmlText';
import { DEFAULT_CURRENCY } from '../contract/currency';
import { CN_BUCKETS, type BucketRange } from '../rules/scales';
import { withStateLabels } from '../i18n/withStateLabels';
import type { Statechart } from '../workflow/statechart';
import type { LifecycleRole } from '../workflow/statechartSchema';
import { formatDay, parseDay, type Day } from '../time/day';
import type { DpdPoint } from './dpdSeries';

/** What the case page is drawn from. */
export interface CasePageInput {
  readonly output: ReplayOutput;
  /** The DPD curve, from {@link dpdSeries}; the as-of point alone when empty. */
  readonly dpd: readonly DpdPoint[];
  /** The history's events, for notices and contacts; without them those sections are empty. */
  readonly events?: readonly LoanEvent[];
  /** The pack's statechart (`pack.statechart`): labels and colours of the states the catalogue does not know. */
  readonly statechart?: Statechart;
  /** The pack's DPD buckets (`pack.scales.buckets`), drawn as bands behind the DPD curve. Default: cn-default's. */
  readonly buckets?: readonly BucketRange[];
}

/** The timeline kinds that are decisions of the rule pack, listed and linked on the page. */
const DECISION_KINDS = new Set<TimelineEntry['kind']>(['stateChanged', 'bucketChanged', 'classificationChanged', 'dimensionChanged', 'riskLevelChanged', 'managementModeChanged', 'segmentChanged']);

/** Lower DPD bound of each bucket band (M0 is 0 days). */
const BUCKET_FILL = ['#eef7f0', '#fdf6e3', '#fcebd0', '#f9ddb8', '#f6cdb0', '#f2bca8', '#eeaba0', '#e89a98'] as const;
const STATE_FILL: Readonly<Record<string, string>> = {
  normal: '#4c9a6a',
  overdueM1: '#e0a030',
  overdueM2M3: '#d9772b',
  outsourced: '#c0392b',
  litigation: '#7d3c98',
  writtenOff: '#555555',
  settled: '#2e86c1',
};
/** A pack's own state is coloured by its first role. */
const ROLE_FILL: Readonly<Record<LifecycleRole, string>> = {
  performing: '#4c9a6a',
  internalCollection: '#e0a030',
  external: '#c0392b',
  legal: '#7d3c98',
  writtenOff: '#555555',
  settled: '#2e86c1',
  terminal: '#555555',
};
const stateFill = (s: string, chart: Statechart | undefined): string => STATE_FILL[s] ?? ROLE_FILL[[...(chart?.roles(s) ?? [])][0] ?? 'terminal'] ?? '#999';

/** Masked, then escaped: the form of every text that comes from the loan's data. */
function data(value: Cell): string {
  return value === null || value === undefined ? '' : esc(maskPersonalData(String(value)));
}

function cell(value: string, cls?: string): string {
  return `<td${cls === undefined ? '' : ` class="${cls}"`}>${value}</td>`;
}

function day(text: string): number {
  return parseDay(text) as Day;
}

function inputsText(e: TimelineEntry): string {
  const inputs = 'inputs' in e ? e.inputs : undefined;
  if (inputs === undefined) return '';
  return Object.keys(inputs)
    .sort()
    .map((k) => `${k} = ${String(inputs[k])}`)
    .join(' · ');
}

/** Decision anchors by timeline index: `d-<index>`. */
function anchor(index: number): string {
  return `d-${index}`;
}

interface Scale {
  readonly x: (d: number) => number;
  readonly start: number;
  readonly end: number;
}

function scale(start: number, end: number, left: number, width: number): Scale {
  const span = Math.max(1, end - start);
  return { start, end, x: (d) => Math.round((left + ((Math.min(Math.max(d, start), end) - start) * width) / span) * 10) / 10 };
}

/** The DPD curve over bucket bands, the state bands beneath, state and classification changes marked. */
function dpdChart(input: CasePageInput, cat: Catalogue, start: number, end: number): string {
  const { output } = input;
  const t = cat.casePage;
  const width = 960;
  const left = 56;
  const plotW = width - left - 24;
  const top = 16;
  const plotH = 240;
  const points = input.dpd.length > 0 ? input.dpd : [{ on: output.asOf, dpd: output.dpd }];
  const maxDpd = Math.max(30, ...points.map((p) => p.dpd));
  const yMax = Math.ceil((maxDpd + 1) / 30) * 30;
  const y = (dpd: number): number => Math.round((top + plotH - (Math.min(dpd, yMax) * plotH) / yMax) * 10) / 10;
  const sx = scale(start, end, left, plotW);
  const parts: string[] = [];
  const buckets = input.buckets ?? CN_BUCKETS;
  buckets.forEach(({ name: b, from, to: last }, i) => {
    if (from > yMax) return;
    const to = last === undefined ? yMax : Math.min(yMax, last);
    const y1 = y(to);
    const y0 = i === 0 ? top + plotH : y(from - 1);
    // Colours run from light to dark; a pack with more buckets than colours repeats the darkest.
    const fill = BUCKET_FILL[Math.min(i, BUCKET_FILL.length - 1)];
    parts.push(`<rect class="bucket-band" data-bucket="${esc(b)}" x="${left}" y="${y1}" width="${plotW}" height="${Math.max(1, Math.round((y0 - y1) * 10) / 10)}" fill="${fill}"><title>${esc(labelOf(cat.bucket, b))}</title></rect>`);
    parts.push(`<text x="${left + plotW - 4}" y="${y1 + 12}" text-anchor="end" class="small band">${esc(b)}</text>`);
  });
  for (let v = 0; v <= yMax; v += 30) parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" class="small">${v}</text>`);
  parts.push(`<text x="12" y="${top + plotH / 2}" transform="rotate(-90 12 ${top + plotH / 2})" text-anchor="middle" class="small">${esc(t.dpdAxis)}</text>`);
  const line = points.map((p) => `${sx.x(day(p.on))},${y(p.dpd)}`).join(' ');
  parts.push(`<polyline class="dpd-line" points="${line}" fill="none" stroke="#1f3b73" stroke-width="2"/>`);
  // State bands: from each state change to the next, under the plot.
  const bandY = top + plotH + 8;
  const changes = output.timeline.map((e, i) => ({ e, i })).filter((x): x is { e: Extract<TimelineEntry, { kind: 'stateChanged' }>; i: number } => x.e.kind === 'stateChanged');
  let from = start;
  let state: string = changes[0]?.e.from ?? output.state;
  const band = (a: number, b: number, s: string): void => {
    if (b < a) return;
    const label = labelOf(cat.state, s);
    const w = Math.max(1, sx.x(b) - sx.x(a));
    parts.push(`<rect class="state-band" data-state="${esc(s)}" x="${sx.x(a)}" y="${bandY}" width="${w}" height="18" fill="${stateFill(s, input.statechart)}"><title>${esc(`${label}: ${formatDay(a as Day)} – ${formatDay(b as Day)}`)}</title></rect>`);
    if (w > 60) parts.push(`<text x="${sx.x(a) + 4}" y="${bandY + 13}" class="small on-band">${esc(label)}</text>`);
  };
  for (const { e } of changes) {
    band(from, day(e.on), state);
    from = day(e.on);
    state = e.to;
  }
  band(from, end, state);
  for (const { e, i } of changes) {
    const x = sx.x(day(e.on));
    parts.push(
      `<a href="#${anchor(i)}"><line class="mark state-change" data-on="${esc(e.on)}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" x1="${x}" y1="${top}" x2="${x}" y2="${bandY + 18}" stroke="#333" stroke-dasharray="4 3"/><title>${esc(`${e.on} ${labelOf(cat.state, e.from)} → ${labelOf(cat.state, e.to)} (${e.ruleIds.join(', ')})`)}</title></a>`,
    );
  }
  // Classification changes: a diamond on the top edge with the rule ids.
  output.timeline.forEach((e, i) => {
    if (e.kind !== 'classificationChanged') return;
    const x = sx.x(day(e.on));
    parts.push(
      `<a href="#${anchor(i)}"><path class="mark class-change" data-on="${esc(e.on)}" data-to="${esc(e.to)}" d="M${x} ${top - 2} l6 6 l-6 6 l-6 -6 z" fill="#7d3c98"/><text x="${x + 8}" y="${top + 14}" class="small">${esc(`${labelOf(cat.classification, e.to)} ${e.ruleIds.join(',')}`)}</text><title>${esc(`${e.on} ${labelOf(cat.classification, e.from)} → ${labelOf(cat.classification, e.to)} (${e.ruleIds.join(', ')})`)}</title></a>`,
    );
  });
  parts.push(`<text x="${left}" y="${bandY + 34}" class="small">${esc(formatDay(start as Day))}</text>`);
  parts.push(`<text x="${left + plotW}" y="${bandY + 34}" text-anchor="end" class="small">${esc(formatDay(end as Day))}</text>`);
  const height = bandY + 42;
  return `<svg id="dpd-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="dpd-title"><title id="dpd-title">${esc(t.dpdChart)}</title>\n${parts.join('\n')}\n</svg>`;
}

/** One row per task: a bar from opening to due date, a tick when done, a red block when breached. */
function taskChart(tasks: readonly TaskOutput[], cat: Catalogue, start: number, end: number, asOf: number): string {
  const width = 960;
  const left = 220;
  const plotW = width - left - 24;
  const rowH = 14;
  const sx = scale(start, end, left, plotW);
  const rows = tasks.map((task, r) => {
    const y = 8 + r * rowH;
    const label = `${labelOf(cat.taskKind, task.kind)} · ${labelOf(cat.party, task.party)}`;
    const status = cat.taskStatus[task.status];
    const parts = [
      `<text x="${left - 6}" y="${y + 10}" text-anchor="end" class="small">${data(label)}</text>`,
      `<rect class="task-span" x="${sx.x(day(task.openedOn))}" y="${y + 3}" width="${Math.max(2, sx.x(day(task.dueOn)) - sx.x(day(task.openedOn)))}" height="8" fill="#b8c7e0"/>`,
    ];
    const due = sx.x(day(task.dueOn));
    if (task.status === 'breached') parts.push(`<rect class="mark task-breached" data-task="${esc(task.id)}" x="${due}" y="${y + 1}" width="${Math.max(3, sx.x(asOf) - due)}" height="12" fill="#c0392b"/>`);
    if (task.closedOn !== undefined && task.status === 'cancelled') {
      const x = sx.x(day(task.closedOn));
      parts.push(`<path class="mark task-cancelled" data-task="${esc(task.id)}" d="M${x - 4} ${y + 3} l8 8 m0 -8 l-8 8" stroke="#777" stroke-width="2"/>`);
    } else if (task.closedOn !== undefined) {
      const x = sx.x(day(task.closedOn));
      parts.push(`<path class="mark task-${task.status}" data-task="${esc(task.id)}" d="M${x - 4} ${y + 7} l3 4 l6 -8" stroke="${task.status === 'late' ? '#d9772b' : '#1d6b3a'}" stroke-width="2" fill="none"/>`);
    }
    return `<g><title>${data(`${label} (${task.ruleId}): ${task.openedOn} → ${task.dueOn} · ${status}${task.closedOn === undefined ? '' : ` · ${task.closedOn}`}`)}</title>${parts.join('')}</g>`;
  });
  const height = 16 + tasks.length * rowH;
  rows.push(`<line class="as-of" x1="${sx.x(asOf)}" y1="0" x2="${sx.x(asOf)}" y2="${height}" stroke="#1f3b73" stroke-dasharray="2 2"/>`);
  return `<svg id="task-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="task-title"><title id="task-title">${esc(cat.casePage.tasks)}</title>\n${rows.join('\n')}\n</svg>`;
}

function eventDay(e: LoanEvent): string {
  return typeof e.on === 'number' ? formatDay(e.on) : String(e.on);
}

function contactsByDay(input: CasePageInput, cat: Catalogue): string {
  const byDay = new Map<string, { contacts: string[]; breaches: string[] }>();
  const at = (d: string): { contacts: string[]; breaches: string[] } => {
    let v = byDay.get(d);
    if (v === undefined) byDay.set(d, (v = { contacts: [], breaches: [] }));
    return v;
  };
  for (const e of input.events ?? []) {
    if (e.type === 'contactAttempt') at(eventDay(e)).contacts.push(`${labelOf(cat.party, e.party)} · ${e.channel} · ${e.outcome}`);
    if (e.type === 'fieldVisit') at(eventDay(e)).contacts.push(cat.eventType.fieldVisit);
  }
  for (const e of input.output.timeline) if (e.kind === 'policyBreach') at(e.on).breaches.push(`${e.breach} (${e.ruleIds.join(', ')}): ${e.message}`);
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return `<p class="meta">${esc(cat.casePage.none)}</p>`;
  const head = cat.casePage.contactHeaders.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = days.map((d) => {
    const v = byDay.get(d) as { contacts: string[]; breaches: string[] };
    return `<tr${v.breaches.length > 0 ? ' class="breach"' : ''}>${cell(esc(d))}${cell(v.contacts.map(data).join('<br>'))}${cell(v.breaches.map(data).join('<br>'))}</tr>`;
  });
  return `<table class="contacts"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

function notices(input: CasePageInput, cat: Catalogue): string {
  const rows = (input.events ?? []).filter((e): e is Extract<LoanEvent, { type: 'noticeSent' }> => e.type === 'noticeSent');
  if (rows.length === 0) return `<p class="meta">${esc(cat.casePage.none)}</p>`;
  const body = rows.map((e) => `<tr>${cell(esc(eventDay(e)))}${cell(data(labelOf(cat.taskKind, e.kind)))}${cell(data(e.party === undefined ? cat.party.borrower : labelOf(cat.party, e.party)))}${cell(e.receiptSigned === true ? '✓' : e.receiptSigned === false ? '✗' : '—')}</tr>`);
  return `<table class="notices"><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

function taskTable(tasks: readonly TaskOutput[], cat: Catalogue, openedBy: ReadonlyMap<string, number>): string {
  const head = cat.casePage.taskHeaders.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = tasks.map((task) => {
    const opened = openedBy.get(task.id);
    const rule = opened === undefined ? esc(task.ruleId) : `<a href="#${anchor(opened)}">${esc(task.ruleId)}</a>`;
    return `<tr class="task ${esc(task.status)}">${cell(data(labelOf(cat.taskKind, task.kind)))}${cell(data(`${labelOf(cat.party, task.party)}${task.partyId === undefined ? '' : ` ${task.partyId}`}`))}${cell(rule)}${cell(esc(task.openedOn))}${cell(esc(task.dueOn))}${cell(esc(task.closedOn ?? ''))}${cell(esc(cat.taskStatus[task.status]))}</tr>`;
  });
  return `<table class="tasks"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

function decisionTable(output: ReplayOutput, cat: Catalogue): string {
  const head = cat.casePage.decisionHeaders.map((h) => `<th>${esc(h)}</th>`).join('');
  const rows: string[] = [];
  output.timeline.forEach((e, i) => {
    if (!DECISION_KINDS.has(e.kind) && e.kind !== 'taskOpened') return;
    const rules = 'rules' in e && e.rules !== undefined ? e.rules : [];
    const what = e.kind === 'taskOpened' ? `${cat.timelineKind.taskOpened}: ${labelOf(cat.taskKind, e.taskKind)}` : cat.timelineKind[e.kind];
    // The sentence `replay --reasons` gives; the policy ids have their own column.
    const change = timelineSentence(e, cat, output.currency);
    rows.push(`<tr id="${anchor(i)}">${cell(esc(e.on))}${cell(data(what))}${cell(data(change))}${cell(`${esc(e.ruleIds.join(', '))}<div class="meta">${data(rules.join(', '))}</div>`)}${cell(data(inputsText(e)))}</tr>`);
  });
  return `<table class="decisions"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:1.5rem;margin-bottom:4px}h2{font-size:1.15rem;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#666;font-size:.85rem}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:120px}
.card .label{font-size:.8rem;color:#666}.card .value{font-size:1.2rem;font-weight:600;margin:2px 0}
table{border-collapse:collapse;font-size:.85rem;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f6f6f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.breach td,tr.task.breached td{background:#f8dcd8}tr.task.late td{background:#fcebd0}
tr:target td{outline:2px solid #1f3b73}
svg text{font-size:12px;fill:#222}svg text.small{font-size:11px}svg text.on-band{fill:#fff}svg text.band{fill:#999}
@media print{h2{break-after:avoid}svg{max-width:100%}}
`;

/**
 * Renders a loan's case page (贷后档案) as one self-contained HTML file in `locale`: the summary and
 * balances, the DPD curve over the bucket bands with the state bands and the state and classification
 * changes marked (each linked to its decision row: rule ids, rules and the inputs that decided it), the
 * tasks as a timeline and a table, notices with their receipts, contacts by day with conduct breaches
 * highlighted, and every decision with its explanation. No scripts, fonts or URLs.
 *
 * @example
 * ```ts
 * const output = replay(history, pack, { asOf });
 * writeFileSync('case.html', casePage({ output, dpd: dpdSeries(history, pack, output), events: history.events }, 'zh-CN'));
 * ```
 */
export function casePage(input: CasePageInput, locale: Locale): string {
  const { output } = input;
  const cat = withStateLabels(catalogueFor(locale), input.statechart, locale);
  const t = cat.casePage;
  const firstDays = [...input.dpd.map((p) => p.on), ...output.timeline.map((e) => e.on), ...output.tasks.map((x) => x.openedOn)].filter((d) => d <= output.asOf).sort();
  const start = day(firstDays[0] ?? output.asOf);
  const end = Math.max(day(output.asOf), ...output.tasks.map((x) => day(x.dueOn)).filter((d) => d <= day(output.asOf) + 366));
  const openedBy = new Map<string, number>();
  output.timeline.forEach((e, i) => {
    if (e.kind === 'taskOpened') openedBy.set(e.taskId, i);
  });
  const card = (label: string, value: string): string => `<div class="card"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div></div>`;
  const amounts = (label: string, a: ReplayOutput['outstanding']): string =>
    `<tr>${cell(esc(label))}${cell(esc(yuan(a.principal)), 'n')}${cell(esc(yuan(a.interest)), 'n')}${cell(esc(yuan(a.penalty)), 'n')}${cell(esc(yuan(a.total)), 'n')}</tr>`;
  const body = [
    `<h1>${esc(t.title)} · ${data(output.loanId)}</h1>`,
    `<p class="meta">${esc(t.asOf)} ${esc(output.asOf)} · ${esc(t.pack)} <code>${data(output.pack.id)}</code> ${data(output.pack.version)} · <code>${data(output.pack.hash)}</code> · ${esc(t.masked)}</p>`,
    `<h2>${esc(t.summary)}</h2>`,
    `<div class="cards">${[
      card(t.state, labelOf(cat.state, output.state)),
      card(t.bucket, output.bucket),
      card(t.dpd, String(output.dpd)),
      card(t.classification, labelOf(cat.classification, output.classification)),
      card(t.riskLevel, cat.riskLevel[output.riskLevel]),
      card(t.managementMode, cat.managementMode[output.managementMode]),
      card(t.segment, cat.segment[output.segment]),
    ].join('')}</div>`,
    `<h2>${esc(t.balances)} (${esc(cat.currencyUnit(output.currency ?? DEFAULT_CURRENCY))})</h2>`,
    `<table class="balances"><thead><tr><th></th><th>${esc(t.principal)}</th><th>${esc(t.interest)}</th><th>${esc(t.penalty)}</th><th>${esc(t.total)}</th></tr></thead><tbody>${amounts(t.outstanding, output.outstanding)}${amounts(t.overdue, output.overdue)}</tbody></table>`,
    `<p>${esc(t.provision)}: ${esc(yuan(output.provision.amount))} (${esc(output.provision.rate)}, ${esc(output.provision.ruleIds.join(', '))}) · ${esc(t.limitation)}: ${esc(output.limitationExpiresOn ?? t.none)} · ${esc(t.nextReview)}: ${esc(output.nextReviewOn ?? t.none)}</p>`,
    `<h2>${esc(t.dpdChart)}</h2>`,
    dpdChart(input, cat, start, day(output.asOf)),
    `<h2>${esc(t.tasks)}</h2>`,
    taskChart(output.tasks, cat, start, end, day(output.asOf)),
    taskTable(output.tasks, cat, openedBy),
    `<h2>${esc(t.notices)}</h2>`,
    notices(input, cat),
    `<h2>${esc(t.contacts)}</h2>`,
    contactsByDay(input, cat),
    `<h2>${esc(t.decisions)}</h2>`,
    decisionTable(output, cat),
  ].join('\n');
  return `<!doctype html>\n<html lang="${locale}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(`${t.title} ${maskPersonalData(output.loanId)} ${output.asOf}`)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}
