/**
 * Portfolio reports (P-PF-1 … P-PF-6): figures over the replay outputs of a book of loans at the start
 * and at the end of a period. Pure: the caller replays; this module only counts, sums and divides —
 * in integer fen and exact ratios, with every ordering fixed.
 */
import type { ReplayOutput } from '../engine/output';
import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';
import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { maskIssues } from '../errors/maskPersonalData';
import { parseMoney } from '../money/fen';
import { parseRate } from '../money/rate';
import type { Bucket, Classification } from '../rules/vocabulary';
import { NO_SCALES, tierIsNonPerforming, type ClassificationScale, type PackScales } from '../rules/scales';
import { parseDay } from '../time/day';
import { compareRatio, fenOf, moneyText, ratioText } from './decimal';
import { portfolioText } from './portfolioMessages';
import { spotCheckSample } from './spotCheck';
import { supervisorySample, type SampleLoan } from './supervisorySample';
import { DEFAULT_PORTFOLIO_TARGETS, REPORT_VERSION } from './portfolioReportTypes';
import type { PortfolioTargets, PortfolioLoan, PortfolioReportOptions, ReportError, TargetedRatio, QualityFigures, CureFigures, MigrationKey, MigrationMatrix, ProvisionRow, PortfolioReport, PortfolioReportBuilder } from './portfolioReportTypes';
import { DEFAULT_STATECHART } from '../workflow/lifecycle';
import type { Statechart } from '../workflow/statechart';

export { DEFAULT_PORTFOLIO_TARGETS, REPORT_VERSION } from './portfolioReportTypes';
export type { PortfolioTargets, LoanProfile, PortfolioLoan, PortfolioReportOptions, ReportError, TargetedRatio, QualityFigures, CureFigures, MigrationKey, MigrationCell, MigrationMatrix, DistributionRow, ProvisionRow, TaskRow, AgencyRow, PortfolioReport, PortfolioReportBuilder } from './portfolioReportTypes';
export { loanProfile } from './loanProfile';

// ————— Aggregates —————

interface Sum {
  count: number;
  balance: bigint;
}
const sum = (): Sum => ({ count: 0, balance: 0n });

interface QualityAcc {
  book: Sum;
  overdue: Sum;
  overduePrincipal: bigint;
  npl: Sum;
}
const qualityAcc = (): QualityAcc => ({ book: sum(), overdue: sum(), overduePrincipal: 0n, npl: sum() });

interface Cell {
  count: number;
  startBalance: bigint;
  endBalance: bigint;
}

interface TaskAcc {
  opened: number;
  due: number;
  dueOnTime: number;
  done: number;
  late: number;
  breached: number;
  outstandingBreached: number;
}

interface AgencyAcc {
  cases: number;
  recovered: bigint;
  owedAtEnd: bigint;
  contacted: number;
  visited: number;
}

/** Option paths of the samples' own checks, as the report's options name them. */
const SAMPLE_OPTION_PATHS: Readonly<Record<string, string>> = {
  'options.rate': 'options.spotCheckRate',
  'options.month': 'options.spotCheckMonth',
  'options.borrowers': 'options.sample.borrowers',
  'options.loansPerBorrower': 'options.sample.loansPerBorrower',
};

/** The rows and columns of the migration matrices: the pack's buckets or tiers, then the two ways off the book. */
const keysOf = <K extends string>(values: readonly string[]): readonly MigrationKey<K>[] => [...(values as readonly K[]), 'settled', 'writtenOff'];
/** How a loan left the book, by the role of its state: settled (P-LC-8) or written off (P-LC-7). */
const leftAs = (o: ReplayOutput, chart: Statechart): 'settled' | 'writtenOff' | undefined => {
  const roles = chart.roles(o.state);
  return roles.has('settled') ? 'settled' : roles.has('writtenOff') ? 'writtenOff' : undefined;
};
const onBook = (o: ReplayOutput, chart: Statechart): boolean => leftAs(o, chart) === undefined;


function issue(code: PostloanIssue['code'], path: string, t: IssueText): PostloanIssue {
  return issueFrom({ code, path }, t);
}

function checkOptions(options: PortfolioReportOptions): PostloanIssue[] {
  const issues: PostloanIssue[] = [];
  const from = typeof options.from === 'string' ? parseDay(options.from) : undefined;
  const to = typeof options.to === 'string' ? parseDay(options.to) : undefined;
  if (from === undefined) issues.push(issue('date.format', 'options.from', portfolioText.reportDate('from', options.from)));
  if (to === undefined) issues.push(issue('date.format', 'options.to', portfolioText.reportDate('to', options.to)));
  if (from !== undefined && to !== undefined && to <= from) issues.push(issue('date.invalid', 'options.to', portfolioText.reportOrder(options.from, options.to)));
  const seed: unknown = options.seed;
  if (typeof seed !== 'string' || seed === '' || seed.includes('\u0000')) issues.push(issue('input.invalid', 'options.seed', portfolioText.reportSeed(seed)));
  const targets = options.targets;
  if (targets !== undefined) {
    for (const key of ['overdueRate', 'nplRatio', 'm1CureRate', 'm2m3CureRate'] as const) {
      const value: unknown = targets[key];
      if (typeof value !== 'string' || parseRate(value) === undefined) issues.push(issue('rate.format', `options.targets.${key}`, portfolioText.reportRate(`target ${key}`, value)));
    }
  }
  const held: unknown = options.provisionsHeld;
  if (held !== undefined && (typeof held !== 'string' || !parseMoney(held).ok)) issues.push(issue('money.format', 'options.provisionsHeld', portfolioText.reportMoney(held)));
  return issues;
}

function targeted(numerator: bigint, denominator: bigint, target: string, atMost: boolean): TargetedRatio {
  if (denominator === 0n) return { value: null, target, met: null };
  const c = compareRatio(numerator, denominator, target);
  return { value: ratioText(numerator, denominator), target, met: atMost ? c <= 0 : c >= 0 };
}

function qualityFigures(acc: QualityAcc, asOf: string, targets: PortfolioTargets): QualityFigures {
  const { book, overdue, npl } = acc;
  return {
    asOf,
    loans: book.count,
    balance: moneyText(book.balance),
    overdueLoans: overdue.count,
    overdueBalance: moneyText(overdue.balance),
    overduePrincipal: moneyText(acc.overduePrincipal),
    nplLoans: npl.count,
    nplBalance: moneyText(npl.balance),
    overdueRate: { byBalance: targeted(overdue.balance, book.balance, targets.overdueRate, true), byCount: ratioText(BigInt(overdue.count), BigInt(book.count)) },
    nplRatio: { byBalance: targeted(npl.balance, book.balance, targets.nplRatio, true), byCount: ratioText(BigInt(npl.count), BigInt(book.count)) },
  };
}

function addQuality(acc: QualityAcc, o: ReplayOutput, chart: Statechart, tiers: ClassificationScale): void {
  if (!onBook(o, chart)) return;
  const balance = fenOf(o.outstanding.principal);
  acc.book.count++;
  acc.book.balance += balance;
  if (o.dpd > 0) {
    acc.overdue.count++;
    acc.overdue.balance += balance;
    acc.overduePrincipal += fenOf(o.overdue.principal);
  }
  if (tierIsNonPerforming(tiers, o.classification)) {
    acc.npl.count++;
    acc.npl.balance += balance;
  }
}

function matrixOf<K extends string>(keys: readonly MigrationKey<K>[], cells: Map<string, Cell>): MigrationMatrix<K> {
  return {
    keys,
    rows: keys.map((from) => {
      const row = keys.map((to) => cells.get(`${from}\u0000${to}`) ?? { count: 0, startBalance: 0n, endBalance: 0n });
      const count = row.reduce((s, c) => s + c.count, 0);
      const balance = row.reduce((s, c) => s + c.startBalance, 0n);
      return {
        from,
        count,
        balance: moneyText(balance),
        cells: keys.map((to, i) => {
          const c = row[i] as Cell;
          return { to, count: c.count, startBalance: moneyText(c.startBalance), endBalance: moneyText(c.endBalance), rate: ratioText(BigInt(c.count), BigInt(count)) };
        }),
      };
    }),
  };
}

function addCell(cells: Map<string, Cell>, from: string, to: string, startBalance: bigint, endBalance: bigint): void {
  const key = `${from}\u0000${to}`;
  const c = cells.get(key);
  if (c === undefined) cells.set(key, { count: 1, startBalance, endBalance });
  else {
    c.count++;
    c.startBalance += startBalance;
    c.endBalance += endBalance;
  }
}

function cureOf(cells: Map<string, Cell>, bucketKeys: readonly MigrationKey<Bucket>[], buckets: readonly Bucket[], target: string): CureFigures {
  let loans = 0;
  let cured = 0;
  let balance = 0n;
  let curedBalance = 0n;
  for (const from of buckets) {
    for (const to of bucketKeys) {
      const c = cells.get(`${from}\u0000${to}`);
      if (c === undefined) continue;
      loans += c.count;
      balance += c.startBalance;
      if (to === bucketKeys[0] || to === 'settled') {
        cured += c.count;
        curedBalance += c.startBalance;
      }
    }
  }
  return {
    buckets,
    loans,
    cured,
    balance: moneyText(balance),
    curedBalance: moneyText(curedBalance),
    byCount: targeted(BigInt(cured), BigInt(loans), target, false),
    byBalance: ratioText(curedBalance, balance),
  };
}

/** A stretch of days an agency held a case: from `from` (inclusive) until `until` (exclusive; open when absent). */
interface AgencySpan {
  readonly agencyId: string;
  readonly from: string;
  readonly until: string | undefined;
}

/**
 * Which agency held the loan when, and what it recovered in the period, from the end replay's timeline
 * (agency and payment entries are in it in the order they happened). Only spans reaching into the
 * period are returned. A payment counts for the agency holding the case when it was applied.
 */
function agencySpans(end: ReplayOutput, from: string, to: string): { readonly spans: readonly AgencySpan[]; readonly recovered: ReadonlyMap<string, bigint> } {
  let holder: string | undefined;
  let since = '';
  const spans: AgencySpan[] = [];
  const recovered = new Map<string, bigint>();
  for (const e of end.timeline) {
    if (e.on > to) break;
    if (e.kind === 'agencyAssigned' || e.kind === 'agencyRecalled') {
      if (holder !== undefined) spans.push({ agencyId: holder, from: since, until: e.on });
      holder = e.kind === 'agencyAssigned' ? e.agencyId : undefined;
      since = e.on;
    } else if (e.kind === 'paymentApplied' && holder !== undefined && e.on > from) {
      const paid = fenOf(e.allocated.penalty) + fenOf(e.allocated.interest) + fenOf(e.allocated.principal);
      recovered.set(holder, (recovered.get(holder) ?? 0n) + paid);
    }
  }
  if (holder !== undefined) spans.push({ agencyId: holder, from: since, until: undefined });
  return { spans: spans.filter((span) => span.until === undefined || span.until > from), recovered };
}

/**
 * Starts a portfolio report over the period `(from, to]`. See {@link portfolioReport} for the figures.
 * Throws a {@link PostloanError} listing every bad option.
 *
 * @example
 * ```ts
 * const builder = createPortfolioReport({ from: '2026-05-31', to: '2026-06-30', seed: 's', spotCheckRate: '0.10' });
 * builder.add({ profile, start, end });
 * const report = builder.finish();
 * ```
 */
export function createPortfolioReport(options: PortfolioReportOptions): PortfolioReportBuilder {
  const issues = checkOptions(options);
  const { from, to, seed } = options;
  const spotMonth = options.spotCheckMonth ?? (typeof to === 'string' ? to.slice(0, 7) : '');
  const sampleOptions = {
    seed,
    ...(options.sample?.borrowers === undefined ? {} : { borrowers: options.sample.borrowers }),
    ...(options.sample?.loansPerBorrower === undefined ? {} : { loansPerBorrower: options.sample.loansPerBorrower }),
  };
  // The samples check their own options; asking for empty samples now reports bad ones before any loan is added.
  for (const draw of [() => spotCheckSample([], { month: spotMonth, seed, rate: options.spotCheckRate }), () => supervisorySample([], sampleOptions)]) {
    try {
      draw();
    } catch (e) {
      if (!(e instanceof PostloanError)) throw e;
      for (const i of e.issues) {
        const path = SAMPLE_OPTION_PATHS[i.path] ?? i.path;
        if (!issues.some((j) => j.path === path)) issues.push({ ...i, path });
      }
    }
  }
  if (issues.length > 0) throw new PostloanError(issues);
  const targets = options.targets ?? DEFAULT_PORTFOLIO_TARGETS;
  const chart = options.statechart ?? DEFAULT_STATECHART;
  const scales: PackScales = options.scales ?? NO_SCALES;
  // The public types name cn-default's values; a pack's own scale gives its own names in the same places.
  const bucketNames = scales.buckets.map((b) => b.name) as readonly Bucket[];
  const tierNames = scales.classification.tiers as readonly Classification[];
  const BUCKET_KEYS = keysOf<Bucket>(bucketNames);
  const CLASS_KEYS = keysOf<Classification>(tierNames);

  const seen = new Set<string>();
  const errors: ReportError[] = [];
  let pack: PortfolioReport['pack'] = null;
  let reported = 0;
  let atStart = 0;
  let atEnd = 0;
  let fresh = 0;
  let settled = 0;
  let writtenOff = 0;
  let notYetDisbursed = 0;
  const startQuality = qualityAcc();
  const endQuality = qualityAcc();
  const bucketCells = new Map<string, Cell>();
  const classCells = new Map<string, Cell>();
  const byBucket = new Map<Bucket, Sum>();
  const byClass = new Map<Classification, Sum & { required: bigint; rates: Set<string> }>();
  const tasks = new Map<string, TaskAcc>();
  const agencies = new Map<string, AgencyAcc>();
  const sampleLoans: SampleLoan[] = [];
  const spotLoans: { readonly id: string; readonly disbursedOn: string }[] = [];

  const inPeriod = (d: string | undefined) => d !== undefined && d > from && d <= to;

  const add = (loan: PortfolioLoan, where?: { readonly source: string; readonly line?: number }): void => {
    const { profile, start, end } = loan;
    const at = { source: where?.source ?? profile.loanId, ...(where?.line === undefined ? {} : { line: where.line }), loanId: profile.loanId };
    const mismatch: PostloanIssue[] = [];
    if (end.loanId !== profile.loanId) mismatch.push(issue('input.invalid', 'end.loanId', portfolioText.reportMismatch('end replay id', end.loanId, profile.loanId)));
    if (start !== undefined && start.loanId !== profile.loanId) mismatch.push(issue('input.invalid', 'start.loanId', portfolioText.reportMismatch('start replay id', start.loanId, profile.loanId)));
    if (end.asOf !== to) mismatch.push(issue('input.invalid', 'end.asOf', portfolioText.reportMismatch('end replay date', end.asOf, to)));
    if (start !== undefined && start.asOf !== from) mismatch.push(issue('input.invalid', 'start.asOf', portfolioText.reportMismatch('start replay date', start.asOf, from)));
    if (mismatch.length > 0) throw new PostloanError(mismatch);
    if (seen.has(profile.loanId)) {
      errors.push({ ...at, issues: [issue('input.invalid', 'loan.id', portfolioText.reportDuplicate(profile.loanId))] });
      return;
    }
    if (pack === null) pack = { id: end.pack.id, version: end.pack.version, hash: end.pack.hash };
    else if (end.pack.hash !== pack.hash) {
      errors.push({ ...at, issues: [issue('input.invalid', '--pack', portfolioText.reportOtherPack(profile.loanId, end.pack.hash, pack.hash))] });
      return;
    }
    seen.add(profile.loanId);
    reported++;

    // P-PF-1, P-PF-2.
    if (start === undefined) fresh++;
    else {
      addQuality(startQuality, start, chart, scales.classification);
      if (onBook(start, chart)) atStart++;
      const startBalance = fenOf(start.outstanding.principal);
      const endBalance = fenOf(end.outstanding.principal);
      addCell(bucketCells, leftAs(start, chart) ?? start.bucket, leftAs(end, chart) ?? end.bucket, startBalance, endBalance);
      addCell(classCells, leftAs(start, chart) ?? start.classification, leftAs(end, chart) ?? end.classification, startBalance, endBalance);
    }
    addQuality(endQuality, end, chart, scales.classification);
    if ((start === undefined || onBook(start, chart)) && leftAs(end, chart) === 'settled') settled++;
    if ((start === undefined || onBook(start, chart)) && leftAs(end, chart) === 'writtenOff') writtenOff++;

    if (onBook(end, chart)) {
      atEnd++;
      const balance = fenOf(end.outstanding.principal);
      const b = byBucket.get(end.bucket) ?? sum();
      b.count++;
      b.balance += balance;
      byBucket.set(end.bucket, b);
      // P-PF-3.
      const c = byClass.get(end.classification) ?? { ...sum(), required: 0n, rates: new Set<string>() };
      c.count++;
      c.balance += balance;
      c.required += fenOf(end.provision.amount);
      c.rates.add(end.provision.rate);
      byClass.set(end.classification, c);
      // P-PF-5 candidates.
      sampleLoans.push({ loanId: profile.loanId, borrowerId: profile.borrowerId, classification: end.classification, balance, secured: profile.secured, guaranteed: profile.guaranteed });
    }
    // P-IN-8 population: only the month's new loans are kept.
    if (profile.disbursedOn.startsWith(`${spotMonth}-`)) spotLoans.push({ id: profile.loanId, disbursedOn: profile.disbursedOn });

    // Tasks in the period.
    const taskOf = (kind: string): TaskAcc => {
      let t = tasks.get(kind);
      if (t === undefined) {
        t = { opened: 0, due: 0, dueOnTime: 0, done: 0, late: 0, breached: 0, outstandingBreached: 0 };
        tasks.set(kind, t);
      }
      return t;
    };
    for (const t of end.tasks) {
      if (inPeriod(t.openedOn)) taskOf(t.kind).opened++;
      if (t.status !== 'cancelled' && inPeriod(t.dueOn)) {
        const acc = taskOf(t.kind);
        acc.due++;
        if (t.status === 'done') acc.dueOnTime++;
      }
      if (t.status === 'done' && inPeriod(t.closedOn)) taskOf(t.kind).done++;
      if (t.status === 'late' && inPeriod(t.closedOn)) taskOf(t.kind).late++;
      if (t.status === 'breached') taskOf(t.kind).outstandingBreached++;
    }
    for (const e of end.timeline) if (e.kind === 'taskBreached' && inPeriod(e.on)) taskOf(e.taskKind).breached++;

    // P-PF-6.
    const { spans, recovered } = agencySpans(end, from, to);
    const owed = fenOf(end.outstanding.total);
    const heldOn = (agencyId: string, d: string) => spans.some((s) => s.agencyId === agencyId && s.from <= d && (s.until === undefined || d < s.until));
    for (const agencyId of [...new Set(spans.map((s) => s.agencyId))].sort()) {
      const a = agencies.get(agencyId) ?? { cases: 0, recovered: 0n, owedAtEnd: 0n, contacted: 0, visited: 0 };
      a.cases++;
      a.recovered += recovered.get(agencyId) ?? 0n;
      a.owedAtEnd += owed;
      const visited = profile.fieldVisits.some((d) => inPeriod(d) && heldOn(agencyId, d));
      if (visited) a.visited++;
      if (visited || profile.contactAttempts.some((d) => inPeriod(d) && heldOn(agencyId, d))) a.contacted++;
      agencies.set(agencyId, a);
    }
  };

  const finish = (): PortfolioReport => {
    const endBalance = endQuality.book.balance;
    const npl = endQuality.npl.balance;
    const classRows: ProvisionRow[] = tierNames.map((classification) => {
      const c = byClass.get(classification);
      return {
        classification,
        loans: c?.count ?? 0,
        balance: moneyText(c?.balance ?? 0n),
        rate: c === undefined ? '' : [...c.rates].sort().join('/'),
        required: moneyText(c?.required ?? 0n),
      };
    });
    const required = [...byClass.values()].reduce((s, c) => s + c.required, 0n);
    const held = options.provisionsHeld === undefined ? undefined : fenOf(options.provisionsHeld);
    const notes = [
      'Complaint rate (P-PF-6) is not reported: the history format records no complaints.',
      ...(held === undefined ? ['Coverage ratios (P-PF-3) need the provisions held: pass provisionsHeld (CLI --provisions-held).'] : []),
    ];
    return {
      reportVersion: REPORT_VERSION,
      period: { from, to },
      pack,
      seed,
      loans: { reported, atStart, atEnd, new: fresh, settled, writtenOff, notYetDisbursed },
      quality: { start: qualityFigures(startQuality, from, targets), end: qualityFigures(endQuality, to, targets) },
      cure: { m1: cureOf(bucketCells, BUCKET_KEYS, ['M1'], targets.m1CureRate), m2m3: cureOf(bucketCells, BUCKET_KEYS, ['M2', 'M3'], targets.m2m3CureRate) },
      migration: { buckets: matrixOf(BUCKET_KEYS, bucketCells), classes: matrixOf(CLASS_KEYS, classCells) },
      distribution: {
        buckets: bucketNames.map((key) => {
          const b = byBucket.get(key) ?? sum();
          return { key, loans: b.count, balance: moneyText(b.balance), shareOfBalance: ratioText(b.balance, endBalance) };
        }),
        classes: tierNames.map((key) => {
          const c = byClass.get(key) ?? sum();
          return { key, loans: c.count, balance: moneyText(c.balance), shareOfBalance: ratioText(c.balance, endBalance) };
        }),
      },
      provisioning: {
        byClass: classRows,
        required: moneyText(required),
        held: held === undefined ? null : moneyText(held),
        coverageRatio: held === undefined ? null : ratioText(held, npl),
        adequacyRatio: held === undefined ? null : ratioText(held, required),
        requiredToBalance: ratioText(required, endBalance),
      },
      tasks: [...tasks.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([kind, t]) => ({ kind, opened: t.opened, due: t.due, done: t.done, late: t.late, breached: t.breached, outstandingBreached: t.outstandingBreached, onTimeRate: ratioText(BigInt(t.dueOnTime), BigInt(t.due)) })),
      agencies: [...agencies.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([agencyId, a]) => ({
          agencyId,
          cases: a.cases,
          recovered: moneyText(a.recovered),
          owedAtEnd: moneyText(a.owedAtEnd),
          recoveryRate: ratioText(a.recovered, a.recovered + a.owedAtEnd),
          contactedCases: a.contacted,
          caseCoverage: ratioText(BigInt(a.contacted), BigInt(a.cases)),
          visitedCases: a.visited,
          visitRate: ratioText(BigInt(a.visited), BigInt(a.cases)),
          complaintRate: null,
        })),
      supervisorySample: supervisorySample(sampleLoans, sampleOptions),
      spotCheck: spotCheckSample(
        spotLoans.map((l) => ({ id: l.id, disbursedOn: parseDay(l.disbursedOn) as NonNullable<ReturnType<typeof parseDay>> })),
        { month: spotMonth, seed, rate: options.spotCheckRate },
      ),
      notes,
      errors: [...errors].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : (a.line ?? 0) - (b.line ?? 0))),
    };
  };

  return {
    add,
    skipNotYetDisbursed: () => {
      notYetDisbursed++;
    },
    addError: (error) => {
      // Report errors are printed in JSON, CSV and HTML: personal data in them is masked (P-CT-3).
      errors.push({ ...error, issues: maskIssues(error.issues) });
    },
    finish,
  };
}

/**
 * The portfolio report of a book over the period `(from, to]` (P-PF-1 … P-PF-6, P-IN-8), from each
 * loan's replay at `from` and at `to`:
 * - **Quality (P-PF-1)** at both dates: overdue rate and NPL ratio by balance (against the targets,
 *   ≤ 3 % and ≤ 1 % by default) and by count, over loans neither settled nor written off.
 * - **Cure (P-PF-2)**: M1 at the start → M0 or settled at the end (≥ 92 %), likewise M2–M3 (≥ 5 %).
 * - **Migration (P-PF-2)**: bucket-to-bucket and class-to-class matrices, counts and balances, with
 *   `settled` and `writtenOff` as columns (and rows), so row counts add up to the loans at the start.
 * - **Provisioning (P-PF-3)**: Σ `provision.amount` by class; coverage (held / NPL) and adequacy (held /
 *   required) when `provisionsHeld` is given.
 * - **Tasks**: by kind, opened, due, done, late and breached in the period.
 * - **Agencies (P-PF-6)**: cases, recoveries while holding the case, recovery rate, case coverage and
 *   visit rate. Complaint rate: not in the data (`null`, with a note).
 * - **Samples**: P-PF-5 ({@link supervisorySample}) and P-IN-8 ({@link spotCheckSample}) from `seed`.
 *
 * Money is yuan text (sums in bigint fen), ratios 4-decimal text rounded half up, targets compared
 * exactly. Rows are in vocabulary order (buckets, classes) or sorted by id (task kinds, agencies).
 *
 * @example
 * ```ts
 * const report = portfolioReport(loans, { from: '2026-05-31', to: '2026-06-30', seed: 'report 2026-06', spotCheckRate: '0.10' });
 * report.quality.end.overdueRate.byBalance; // { value: '0.0213', target: '0.03', met: true }
 * report.migration.buckets.rows[1]?.cells[2]?.rate; // M1 → M2 roll rate
 * ```
 */
export function portfolioReport(loans: Iterable<PortfolioLoan>, options: PortfolioReportOptions, errors: readonly ReportError[] = []): PortfolioReport {
  const builder = createPortfolioReport(options);
  for (const loan of loans) builder.add(loan);
  for (const e of errors) builder.addError(e);
  return builder.finish();
}
