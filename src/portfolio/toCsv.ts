/**
 * The portfolio report as CSV for spreadsheets: one file, one section per table, made so Excel opens it
 * correctly by double-click — UTF-8 with a byte-order mark (Chinese labels stay readable), CRLF line
 * ends and RFC 4180 quoting.
 */
import type { MigrationMatrix, PortfolioReport } from './report';

/** Section titles, bilingual so a Chinese-speaking reader finds them in Excel (文字不乱码). */
const TITLES = {
  report: 'Report (报告)',
  quality: 'P-PF-1 Asset quality (资产质量)',
  cure: 'P-PF-2 Cure rates (M1/M2-M3 转化率)',
  bucketCounts: 'P-PF-2 Migration by bucket, loans (迁徙矩阵·笔数)',
  bucketRates: 'P-PF-2 Migration by bucket, rates (迁徙率)',
  bucketBalances: 'P-PF-2 Migration by bucket, start balance (迁徙矩阵·期初余额)',
  classCounts: 'P-PF-2 Migration by class, loans (五级分类迁徙·笔数)',
  classRates: 'P-PF-2 Migration by class, rates (五级分类迁徙率)',
  classBalances: 'P-PF-2 Migration by class, start balance (五级分类迁徙·期初余额)',
  bucketMix: 'Book by bucket at the end (逾期分布)',
  classMix: 'Book by class at the end (五级分类分布)',
  provisioning: 'P-PF-3 Provisioning (拨备)',
  tasks: 'Tasks in the period (任务)',
  agencies: 'P-PF-6 Agencies (委外机构)',
  sample: 'P-PF-5 Supervisory sample (监管抽样)',
  sampleRequirements: 'P-PF-5 Sample requirements (抽样要求)',
  spotCheck: 'P-IN-8 Spot check (抽查)',
  notes: 'Notes (说明)',
  errors: 'Errors (错误)',
} as const;

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

function matrix<K extends string>(title: string, m: MigrationMatrix<K>, value: (cell: MigrationMatrix<K>['rows'][number]['cells'][number]) => Cell, total: (r: MigrationMatrix<K>['rows'][number]) => Cell): string[] {
  return section(
    title,
    ['from \\ to', ...m.keys, 'total'],
    m.rows.map((r) => [r.from, ...r.cells.map(value), total(r)]),
  );
}

const yesNo = (b: boolean | null): Cell => (b === null ? '' : b ? 'yes' : 'no');

/**
 * Renders a portfolio report as one CSV text: UTF-8 byte-order mark, CRLF line ends, RFC 4180 quoting,
 * one section per table (a title row, a header row, the rows, an empty line). Money and ratios are the
 * report's decimal strings, unchanged. Write the string as UTF-8 (`writeFileSync(path, csv, 'utf8')`).
 *
 * @example
 * ```ts
 * const csv = toCsv(report);
 * csv.startsWith('\uFEFF');  // true: Excel detects UTF-8
 * csv.includes('\r\n');      // true: CRLF line ends
 * writeFileSync('report.csv', csv, 'utf8');
 * ```
 */
export function toCsv(report: PortfolioReport): string {
  const { quality, cure, migration, distribution, provisioning } = report;
  const q = (pick: (f: PortfolioReport['quality']['end']) => Cell): Cell[] => [pick(quality.start), pick(quality.end)];
  const lines: string[] = [
    ...section(TITLES.report, ['field', 'value'], [
      ['reportVersion', report.reportVersion],
      ['from', report.period.from],
      ['to', report.period.to],
      ['pack', report.pack === null ? '' : `${report.pack.id} ${report.pack.version}`],
      ['packHash', report.pack?.hash],
      ['seed', report.seed],
      ['loans reported', report.loans.reported],
      ['loans on book at start', report.loans.atStart],
      ['loans on book at end', report.loans.atEnd],
      ['new in period', report.loans.new],
      ['settled in period', report.loans.settled],
      ['written off in period', report.loans.writtenOff],
      ['not yet disbursed', report.loans.notYetDisbursed],
      ['errors', report.errors.length],
    ]),
    ...section(TITLES.quality, ['figure', 'start', 'end', 'target', 'met at end'], [
      ['loans', ...q((f) => f.loans), '', ''],
      ['balance', ...q((f) => f.balance), '', ''],
      ['overdue loans', ...q((f) => f.overdueLoans), '', ''],
      ['overdue balance', ...q((f) => f.overdueBalance), '', ''],
      ['overdue principal (past due part)', ...q((f) => f.overduePrincipal), '', ''],
      ['overdue rate by balance (逾期率)', ...q((f) => f.overdueRate.byBalance.value), quality.end.overdueRate.byBalance.target, yesNo(quality.end.overdueRate.byBalance.met)],
      ['overdue rate by count', ...q((f) => f.overdueRate.byCount), '', ''],
      ['NPL loans', ...q((f) => f.nplLoans), '', ''],
      ['NPL balance', ...q((f) => f.nplBalance), '', ''],
      ['NPL ratio by balance (不良率)', ...q((f) => f.nplRatio.byBalance.value), quality.end.nplRatio.byBalance.target, yesNo(quality.end.nplRatio.byBalance.met)],
      ['NPL ratio by count', ...q((f) => f.nplRatio.byCount), '', ''],
    ]),
    ...section(
      TITLES.cure,
      ['cure', 'loans at start', 'cured', 'rate by count', 'target', 'met', 'balance at start', 'cured balance', 'rate by balance'],
      [
        ['M1', cure.m1.loans, cure.m1.cured, cure.m1.byCount.value, cure.m1.byCount.target, yesNo(cure.m1.byCount.met), cure.m1.balance, cure.m1.curedBalance, cure.m1.byBalance],
        ['M2-M3', cure.m2m3.loans, cure.m2m3.cured, cure.m2m3.byCount.value, cure.m2m3.byCount.target, yesNo(cure.m2m3.byCount.met), cure.m2m3.balance, cure.m2m3.curedBalance, cure.m2m3.byBalance],
      ],
    ),
    ...matrix(TITLES.bucketCounts, migration.buckets, (c) => c.count, (r) => r.count),
    ...matrix(TITLES.bucketRates, migration.buckets, (c) => c.rate, () => ''),
    ...matrix(TITLES.bucketBalances, migration.buckets, (c) => c.startBalance, (r) => r.balance),
    ...matrix(TITLES.classCounts, migration.classes, (c) => c.count, (r) => r.count),
    ...matrix(TITLES.classRates, migration.classes, (c) => c.rate, () => ''),
    ...matrix(TITLES.classBalances, migration.classes, (c) => c.startBalance, (r) => r.balance),
    ...section(TITLES.bucketMix, ['bucket', 'loans', 'balance', 'share of balance'], distribution.buckets.map((d) => [d.key, d.loans, d.balance, d.shareOfBalance])),
    ...section(TITLES.classMix, ['classification', 'loans', 'balance', 'share of balance'], distribution.classes.map((d) => [d.key, d.loans, d.balance, d.shareOfBalance])),
    ...section(TITLES.provisioning, ['classification', 'loans', 'balance', 'rate', 'required'], [
      ...provisioning.byClass.map((p) => [p.classification, p.loans, p.balance, p.rate, p.required]),
      ['total required', '', '', '', provisioning.required],
      ['provisions held', '', '', '', provisioning.held],
      ['coverage ratio (拨备覆盖率)', '', '', '', provisioning.coverageRatio],
      ['adequacy ratio', '', '', '', provisioning.adequacyRatio],
      ['required to balance (拨贷比)', '', '', '', provisioning.requiredToBalance],
    ]),
    ...section(
      TITLES.tasks,
      ['kind', 'opened', 'due', 'done on time', 'done late', 'breached', 'still breached', 'on-time rate'],
      report.tasks.map((t) => [t.kind, t.opened, t.due, t.done, t.late, t.breached, t.outstandingBreached, t.onTimeRate]),
    ),
    ...section(
      TITLES.agencies,
      ['agency', 'cases', 'recovered', 'owed at end', 'recovery rate', 'contacted cases', 'case coverage', 'visited cases', 'visit rate', 'complaint rate'],
      report.agencies.map((a) => [a.agencyId, a.cases, a.recovered, a.owedAtEnd, a.recoveryRate, a.contactedCases, a.caseCoverage, a.visitedCases, a.visitRate, 'not recorded']),
    ),
    ...section(
      TITLES.sample,
      ['borrower', 'tier', 'classification', 'balance', 'secured', 'guaranteed', 'reason', 'loans'],
      report.supervisorySample.borrowers.map((b) => [b.borrowerId, b.tier, b.classification, b.balance, yesNo(b.secured), yesNo(b.guaranteed), b.reason, b.loanIds.join(' ')]),
    ),
    ...section(TITLES.sampleRequirements, ['requirement', 'required', 'actual', 'met'], report.supervisorySample.requirements.map((r) => [r.requirement, r.required, r.actual, yesNo(r.met)])),
    ...section(TITLES.spotCheck, ['month', 'seed', 'rate', 'population', 'sample size', 'loans'], [
      [report.spotCheck.month, report.spotCheck.seed, report.spotCheck.rate, report.spotCheck.population, report.spotCheck.sampleSize, report.spotCheck.loanIds.join(' ')],
    ]),
    ...section(TITLES.notes, ['note'], report.notes.map((n) => [n])),
    ...section(
      TITLES.errors,
      ['source', 'line', 'loan', 'code', 'path', 'message', 'hint'],
      report.errors.flatMap((e) => e.issues.map((i) => [e.source, e.line, e.loanId, i.code, i.path, i.message, i.hint])),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}`;
}
