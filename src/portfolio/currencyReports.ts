import { DEFAULT_CURRENCY } from '../contract/currency';
import { maskIssues } from '../errors/maskPersonalData';
import { createPortfolioReport, type PortfolioReport, type PortfolioReportBuilder, type PortfolioReportOptions, type ReportError } from './report';

/**
 * A portfolio report of one currency. `currency` is present when some loan of the book names its
 * currency; a book of loans that name none (CNY by default) gives exactly the report it always did.
 */
export type CurrencyReport = PortfolioReport & { readonly currency?: string };

/**
 * A book whose loans are in several currencies: one report per currency (amounts are never summed
 * across currencies), and the histories that could not be read far enough to know their currency.
 */
export interface ReportsByCurrency {
  readonly byCurrency: Readonly<Record<string, CurrencyReport>>;
  readonly errors: readonly ReportError[];
}

/**
 * Routes each loan of a book to the report of its currency.
 *
 * @example
 * ```ts
 * const book = createCurrencyReports(options);
 * book.forCurrency(history.loan.currency)?.add(loan);
 * const r = book.finish(); // one CurrencyReport, or ReportsByCurrency when the book mixes currencies
 * ```
 */
export interface CurrencyReportsBuilder {
  /** The builder of a currency's report (`undefined`: the default currency); undefined when `only` leaves it out. */
  forCurrency(code: string | undefined): PortfolioReportBuilder | undefined;
  /** A history that could not be read far enough to know its currency. */
  addError(error: ReportError): void;
  finish(): CurrencyReport | ReportsByCurrency;
}

/**
 * Starts the reports of a book, one per currency; with `only`, loans in other currencies are left out.
 *
 * @example
 * ```ts
 * const book = createCurrencyReports({ from: '2026-05-31', to: '2026-06-30', seed: 's', spotCheckRate: '0.10' }, 'USD');
 * ```
 */
export function createCurrencyReports(options: PortfolioReportOptions, only?: string): CurrencyReportsBuilder {
  const builders = new Map<string, PortfolioReportBuilder>();
  let named = false;
  const unplaced: ReportError[] = [];
  const builderOf = (code: string): PortfolioReportBuilder => {
    let b = builders.get(code);
    if (b === undefined) {
      b = createPortfolioReport(options);
      builders.set(code, b);
    }
    return b;
  };
  return {
    forCurrency(code) {
      const currency = code ?? DEFAULT_CURRENCY;
      if (only !== undefined && currency !== only) return undefined;
      if (code !== undefined) named = true;
      return builderOf(currency);
    },
    addError(error) {
      unplaced.push(error);
    },
    finish() {
      if (builders.size <= 1) {
        const [code, b] = [...builders][0] ?? [only ?? DEFAULT_CURRENCY, builderOf(only ?? DEFAULT_CURRENCY)];
        for (const e of unplaced) b.addError(e);
        const report = b.finish();
        return named || only !== undefined ? { currency: code, ...report } : report;
      }
      const byCurrency: Record<string, CurrencyReport> = {};
      for (const code of [...builders.keys()].sort()) byCurrency[code] = { currency: code, ...(builders.get(code) as PortfolioReportBuilder).finish() };
      // Masked as the reports mask theirs (P-CT-3), in file order.
      const errors = unplaced.map((e) => ({ ...e, issues: maskIssues(e.issues) })).sort((a, b) => a.source.localeCompare(b.source, 'en') || (a.line ?? 0) - (b.line ?? 0));
      return { byCurrency, errors };
    },
  };
}

/**
 * True when `r` holds one report per currency.
 *
 * @example
 * ```ts
 * if (isReportsByCurrency(r)) Object.keys(r.byCurrency); // ['CNY', 'USD']
 * ```
 */
export function isReportsByCurrency(r: CurrencyReport | ReportsByCurrency): r is ReportsByCurrency {
  return 'byCurrency' in r;
}
