import { nearest } from '../errors/suggest';

/**
 * The currency a loan is in when its contract names none: postloan serves Chinese lenders first.
 *
 * @example
 * ```ts
 * (loan.currency ?? DEFAULT_CURRENCY) === 'CNY'; // for a contract without "currency"
 * ```
 */
export const DEFAULT_CURRENCY = 'CNY';

/**
 * ISO 4217 codes of currencies in circulation (and the fund codes lenders contract in, such as CLF),
 * as of 2026: a fixed list, so a typo ("RMB", "CYN") is caught rather than carried into reports.
 * Precious metals, SDR and testing codes are left out: a loan is not made in them.
 *
 * @example
 * ```ts
 * CURRENCY_CODES.includes('HKD'); // true
 * ```
 */
export const CURRENCY_CODES: readonly string[] = Object.freeze(
  (
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
    'GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW ' +
    'KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN ' +
    'NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD ' +
    'SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW ' +
    'UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG'
  ).split(' '),
);

/** Names people write for the yuan instead of its code. */
const ALIASES: Readonly<Record<string, string>> = { RMB: 'CNY', CNH: 'CNY', YUAN: 'CNY' };

/**
 * Why `code` is not a currency postloan accepts, with the code to write instead; undefined when it is one.
 *
 * @example
 * ```ts
 * currencyProblem('RMB'); // { message: 'Unknown currency "RMB"', hint: 'write the ISO 4217 code "CNY"' }
 * currencyProblem('USD'); // undefined
 * ```
 */
export function currencyProblem(code: string): { readonly message: string; readonly hint: string } | undefined {
  if (CURRENCY_CODES.includes(code)) return undefined;
  const upper = code.toUpperCase();
  const alias = Object.prototype.hasOwnProperty.call(ALIASES, upper) ? ALIASES[upper] : undefined;
  const near = alias ?? (CURRENCY_CODES.includes(upper) ? upper : nearest(upper, CURRENCY_CODES));
  return {
    message: `Unknown currency "${code}"`,
    hint: near === undefined ? 'write an ISO 4217 code in capitals, e.g. "CNY" or "USD"' : `write the ISO 4217 code "${near}"`,
  };
}
