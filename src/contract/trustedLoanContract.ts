import { parseMoney, type Fen } from '../money/fen';
import type { Rate } from '../money/rate';
import { knownRate } from './knownRate';
import { parseDay, type Day } from '../time/day';
import { isTimeZone } from '../time/timeZone';
import { attributesSchema, type LoanAttributes } from './attributes';
import { currencyProblem } from './currency';
import type { ExplicitInstalment } from './explicitSchedule';
import { isRecord } from './primitives';
import { BORROWER_KINDS, MAX_TERM_MONTHS, REPAYMENT_METHODS, toLoanContract, type BorrowerKind, type LoanContract, type LoanInput, type RepaymentMethod } from './LoanContract';

// A loan in the form postloan writes it into its own snapshots, read without the schema.

/** Thrown inside the reader when a value is not in the written form; the caller falls back to the schema. */
class NotWritten extends Error {}

function record(v: unknown, keys: ReadonlySet<string>): Readonly<Record<string, unknown>> {
  if (!isRecord(v)) throw new NotWritten();
  for (const k in v) if (!keys.has(k)) throw new NotWritten();
  return v;
}

function text(v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new NotWritten();
  return v;
}

function money(v: unknown, least: number): Fen {
  const m = typeof v === 'string' ? parseMoney(v) : undefined;
  if (m === undefined || !m.ok || m.fen < least) throw new NotWritten();
  return m.fen;
}

function rate(v: unknown): Rate {
  const r = typeof v === 'string' ? knownRate(v) : undefined;
  if (r === undefined || r.units >= r.scale) throw new NotWritten();
  return r;
}

function date(v: unknown): Day {
  const d = typeof v === 'string' ? parseDay(v) : undefined;
  if (d === undefined) throw new NotWritten();
  return d;
}

function list<T>(v: unknown, item: (x: unknown) => T): T[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new NotWritten();
  return v.map(item);
}

function choice<T extends string>(v: unknown, values: readonly T[]): T {
  if (!values.includes(v as T)) throw new NotWritten();
  return v as T;
}

const LOAN_KEYS = new Set(['id', 'borrower', 'principal', 'annualRate', 'disbursedOn', 'timeZone', 'termMonths', 'repayment', 'schedule', 'firstDueOn', 'selfPaid', 'guarantors', 'collateral', 'penaltyRate', 'currency', 'attributes']);
const BORROWER_KEYS = new Set(['id', 'kind', 'contacts', 'riskRating']);
const CONTACT_KEYS = new Set(['id', 'relation']);
const ID_KEYS = new Set(['id']);
const COLLATERAL_KEYS = new Set(['id', 'kind', 'value', 'valuedOn']);
const INSTALMENT_KEYS = new Set(['dueOn', 'principal', 'interest']);

function instalment(v: unknown): ExplicitInstalment {
  const r = record(v, INSTALMENT_KEYS);
  return { dueOn: date(r['dueOn']), principal: money(r['principal'], 0), interest: money(r['interest'], 0) };
}

function attributes(v: unknown): LoanAttributes | undefined {
  if (v === undefined) return undefined;
  const parsed = attributesSchema.safeParse(v);
  if (!parsed.success) throw new NotWritten();
  return parsed.data;
}

function contact(c: unknown): { id: string; relation: string } {
  const r = record(c, CONTACT_KEYS);
  return { id: text(r['id']), relation: text(r['relation']) };
}

/** The borrower as the schema parses it: `contacts` and `riskRating` only when given. */
function borrowerOf(b: Readonly<Record<string, unknown>>, riskRating: string | undefined): LoanInput['borrower'] {
  const out: { -readonly [K in keyof LoanInput['borrower']]?: LoanInput['borrower'][K] } = { id: text(b['id']), kind: choice<BorrowerKind>(b['kind'], BORROWER_KINDS) };
  if (b['contacts'] !== undefined) out.contacts = list(b['contacts'], contact);
  if (riskRating !== undefined) out.riskRating = riskRating;
  return out as LoanInput['borrower'];
}

function fields(value: unknown): LoanInput {
  const v = record(value, LOAN_KEYS);
  const b = record(v['borrower'], BORROWER_KEYS);
  const optional = <T>(key: string, read: (x: unknown) => T): T | undefined => (v[key] === undefined ? undefined : read(v[key]));
  const riskRating = b['riskRating'] === undefined ? undefined : text(b['riskRating']);
  const timeZone = optional('timeZone', text);
  if (timeZone !== undefined && !isTimeZone(timeZone)) throw new NotWritten();
  const currency = optional('currency', text);
  if (currency !== undefined && currencyProblem(currency) !== undefined) throw new NotWritten();
  const termMonths = v['termMonths'];
  if (termMonths !== undefined && (typeof termMonths !== 'number' || !Number.isInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS)) throw new NotWritten();
  const selfPaid = v['selfPaid'];
  if (selfPaid !== undefined && typeof selfPaid !== 'boolean') throw new NotWritten();
  const input = {
    id: text(v['id']),
    borrower: borrowerOf(b, riskRating),
    principal: money(v['principal'], 1),
    annualRate: rate(v['annualRate']),
    disbursedOn: date(v['disbursedOn']),
    timeZone,
    termMonths,
    repayment: optional('repayment', (x) => choice<RepaymentMethod>(x, REPAYMENT_METHODS)),
    schedule: list(v['schedule'], instalment),
    firstDueOn: optional('firstDueOn', date),
    selfPaid,
    guarantors: list(v['guarantors'], (g) => ({ id: text(record(g, ID_KEYS)['id']) })),
    collateral: list(v['collateral'], (c) => {
      const r = record(c, COLLATERAL_KEYS);
      return { id: text(r['id']), kind: text(r['kind']), value: money(r['value'], 0), valuedOn: date(r['valuedOn']) };
    }),
    penaltyRate: optional('penaltyRate', rate),
    currency,
    attributes: attributes(v['attributes']),
  };
  // What the schema's cross-field check would refuse for a missing method, rather than assume it.
  if (input.schedule === undefined && (input.repayment === undefined || input.termMonths === undefined)) throw new NotWritten();
  return input;
}

/**
 * The contract of a snapshot the caller vouches for (`restoreSnapshot(…, { trusted: true })`), read
 * without the schema: each field is parsed by the schema's own primitives (money, rate, date) and the
 * contract assembled by the same function, so the result is the one `loanContractSchema` gives. What it
 * skips are the checks a valid contract passed when it was first read — id safety, unique ids, the
 * explicit schedule's order and sum, `firstDueOn`'s range. Anything not in the form postloan writes (an
 * unknown key, a wrong type, an unparsable amount) gives `undefined`: the caller parses with the schema,
 * which reports it.
 *
 * @example
 * ```ts
 * const loan = trustedLoanContract(snapshot.loan) ?? unwrap(parseLoanValue(snapshot.loan, file));
 * ```
 */
export function trustedLoanContract(value: unknown): LoanContract | undefined {
  try {
    return toLoanContract(fields(value));
  } catch (e) {
    if (e instanceof NotWritten) return undefined;
    throw e;
  }
}
