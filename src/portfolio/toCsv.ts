/**
 * The portfolio report as CSV for spreadsheets: one file, one section per table, made so Excel opens it
 * correctly by double-click — UTF-8 with a byte-order mark (Chinese labels stay readable), CRLF line
 * ends and RFC 4180 quoting.
 */
import type { CsvTexts } from '../i18n/catalogue';
import { catalogueFor } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';
import type { MigrationMatrix, PortfolioReport } from './report';

type Cell = string | number | boolean | null | undefined;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled). Text
 * that a spreadsheet would run as a formula (`=`, `+`, `@`, or `-` not starting a number) gets a leading
 * apostrophe, so a crafted loan or agency id cannot execute in Excel (CSV injection).
 */
function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (/^[=+@\t\r]/.test(s) || (s.startsWith('-') && !/^-\d+(\.\d+)?$/.test(s))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (cells: readonly Cell[]): string => cells.map(field).join(',');

function section(title: string, header: readonly Cell[], rows: readonly (readonly Cell[])[]): string[] {
  return [row([title]), row(header), ...rows.map(row), ''];
}

function matrix<K extends string>(t: CsvTexts, title: string, m: MigrationMatrix<K>, value: (cell: MigrationMatrix<K>['rows'][number]['cells'][number]) => Cell, total: (r: MigrationMatrix<K>['rows'][number]) => Cell): string[] {
  return section(
    title,
    [t.fromTo, ...m.keys, t.total],
    m.rows.map((r) => [r.from, ...r.cells.map(value), total(r)]),
  );
}


/**
 * Renders a portfolio report as one CSV text: UTF-8 byte-order mark, CRLF line ends, RFC 4180 quoting,
 * one section per table (a title row, a header row, the rows, an empty line). Money and ratios are the
 * report's decimal strings, unchanged. Write the string as UTF-8 (`writeFileSync(path, csv, 'utf8')`).
 * `locale` changes the titles, headers and row labels only: the cells (codes, ids, numbers) stay.
 *
 * @example
 * ```ts
 * const csv = toCsv(report);
 * csv.startsWith('\uFEFF');  // true: Excel detects UTF-8
 * csv.includes('\r\n');      // true: CRLF line ends
 * writeFileSync('report.csv', csv, 'utf8');
 * ```
 */
export function toCsv(report: PortfolioReport, locale: Locale = 'en'): string {
  const t = catalogueFor(locale).csv;
  const T = t.title;
  const yesNo = (b: boolean | null): Cell => (b === null ? '' : b ? t.yes : t.no);
  const { quality, cure, migration, distribution, provisioning } = report;
  const q = (pick: (f: PortfolioReport['quality']['end']) => Cell): Cell[] => [pick(quality.start), pick(quality.end)];
  const lines: string[] = [
    ...section(T.report, t.field, [
      ...[
        report.reportVersion,
        report.period.from,
        report.period.to,
        report.pack === null ? '' : `${report.pack.id} ${report.pack.version}`,
        report.pack?.hash,
        report.seed,
        report.loans.reported,
        report.loans.atStart,
        report.loans.atEnd,
        report.loans.new,
        report.loans.settled,
        report.loans.writtenOff,
        report.loans.notYetDisbursed,
        report.errors.length,
      ].map((value, i) => [t.report[i], value]),
    ]),
    ...section(T.quality, t.qualityHeader, [
      [t.quality[0], ...q((f) => f.loans), '', ''],
      [t.quality[1], ...q((f) => f.balance), '', ''],
      [t.quality[2], ...q((f) => f.overdueLoans), '', ''],
      [t.quality[3], ...q((f) => f.overdueBalance), '', ''],
      [t.quality[4], ...q((f) => f.overduePrincipal), '', ''],
      [t.quality[5], ...q((f) => f.overdueRate.byBalance.value), quality.end.overdueRate.byBalance.target, yesNo(quality.end.overdueRate.byBalance.met)],
      [t.quality[6], ...q((f) => f.overdueRate.byCount), '', ''],
      [t.quality[7], ...q((f) => f.nplLoans), '', ''],
      [t.quality[8], ...q((f) => f.nplBalance), '', ''],
      [t.quality[9], ...q((f) => f.nplRatio.byBalance.value), quality.end.nplRatio.byBalance.target, yesNo(quality.end.nplRatio.byBalance.met)],
      [t.quality[10], ...q((f) => f.nplRatio.byCount), '', ''],
    ]),
    ...section(
      T.cure,
      t.cureHeader,
      [
        ['M1', cure.m1.loans, cure.m1.cured, cure.m1.byCount.value, cure.m1.byCount.target, yesNo(cure.m1.byCount.met), cure.m1.balance, cure.m1.curedBalance, cure.m1.byBalance],
        ['M2-M3', cure.m2m3.loans, cure.m2m3.cured, cure.m2m3.byCount.value, cure.m2m3.byCount.target, yesNo(cure.m2m3.byCount.met), cure.m2m3.balance, cure.m2m3.curedBalance, cure.m2m3.byBalance],
      ],
    ),
    ...matrix(t, T.bucketCounts, migration.buckets, (c) => c.count, (r) => r.count),
    ...matrix(t, T.bucketRates, migration.buckets, (c) => c.rate, () => ''),
    ...matrix(t, T.bucketBalances, migration.buckets, (c) => c.startBalance, (r) => r.balance),
    ...matrix(t, T.classCounts, migration.classes, (c) => c.count, (r) => r.count),
    ...matrix(t, T.classRates, migration.classes, (c) => c.rate, () => ''),
    ...matrix(t, T.classBalances, migration.classes, (c) => c.startBalance, (r) => r.balance),
    ...section(T.bucketMix, t.mixHeader('bucket'), distribution.buckets.map((d) => [d.key, d.loans, d.balance, d.shareOfBalance])),
    ...section(T.classMix, t.mixHeader('classification'), distribution.classes.map((d) => [d.key, d.loans, d.balance, d.shareOfBalance])),
    ...section(T.provisioning, t.provisionHeader, [
      ...provisioning.byClass.map((p) => [p.classification, p.loans, p.balance, p.rate, p.required]),
      [t.provisionRows[0], '', '', '', provisioning.required],
      [t.provisionRows[1], '', '', '', provisioning.held],
      [t.provisionRows[2], '', '', '', provisioning.coverageRatio],
      [t.provisionRows[3], '', '', '', provisioning.adequacyRatio],
      [t.provisionRows[4], '', '', '', provisioning.requiredToBalance],
    ]),
    ...section(
      T.tasks,
      t.taskHeader,
      report.tasks.map((t) => [t.kind, t.opened, t.due, t.done, t.late, t.breached, t.outstandingBreached, t.onTimeRate]),
    ),
    ...section(
      T.agencies,
      t.agencyHeader,
      report.agencies.map((a) => [a.agencyId, a.cases, a.recovered, a.owedAtEnd, a.recoveryRate, a.contactedCases, a.caseCoverage, a.visitedCases, a.visitRate, t.notRecorded]),
    ),
    ...section(
      T.sample,
      t.sampleHeader,
      report.supervisorySample.borrowers.map((b) => [b.borrowerId, b.tier, b.classification, b.balance, yesNo(b.secured), yesNo(b.guaranteed), b.reason, b.loanIds.join(' ')]),
    ),
    ...section(T.sampleRequirements, t.requirementHeader, report.supervisorySample.requirements.map((r) => [r.requirement, r.required, r.actual, yesNo(r.met)])),
    ...section(T.spotCheck, t.spotHeader, [
      [report.spotCheck.month, report.spotCheck.seed, report.spotCheck.rate, report.spotCheck.population, report.spotCheck.sampleSize, report.spotCheck.loanIds.join(' ')],
    ]),
    ...section(T.notes, [t.note], report.notes.map((n) => [n])),
    ...section(
      T.errors,
      t.errorHeader,
      report.errors.flatMap((e) => e.issues.map((i) => [e.source, e.line, e.loanId, i.code, i.path, i.message, i.hint])),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}`;
}
