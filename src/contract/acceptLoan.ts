import { addMonths, type Day } from '../time/day';
import { isTimeZone } from '../time/timeZone';
import { attributesSchema } from './attributes';
import { currencyProblem } from './currency';
import { bool, dayText, idText, integerIn, NO, nonBlank, nonNegativeAmount, oneOf, positiveAmount, yearlyRate, type FastCheck } from './fastChecks';
import { BORROWER_KINDS, MAX_TERM_MONTHS, REPAYMENT_METHODS, toLoanContract, type LoanContract, type LoanInput } from './LoanContract';
import { isRecord } from './primitives';

// The fast path of contract validation, beside `acceptEvent`: a hand-written check that accepts the
// common well-formed loan without zod and assembles it with the schema's own `toLoanContract`. It never
// refuses: a problem, or anything it does not cover (an explicit schedule, a key given as undefined), goes
// to `loanContractSchema`, which alone words the issues. A differential test holds the two together.

const LOAN_KEYS = new Set(['id', 'borrower', 'principal', 'annualRate', 'disbursedOn', 'timeZone', 'termMonths', 'repayment', 'schedule', 'firstDueOn', 'selfPaid', 'guarantors', 'collateral', 'penaltyRate', 'currency', 'attributes']);
const BORROWER_KEYS = new Set(['id', 'kind', 'contacts', 'riskRating']);
const CONTACT_KEYS = new Set(['id', 'relation']);
const GUARANTOR_KEYS = new Set(['id']);
const COLLATERAL_KEYS = new Set(['id', 'kind', 'value', 'valuedOn']);

/** A plain record with only `keys`, each its own and defined (zod keeps a key given as undefined: it decides those). */
function record(v: unknown, keys: ReadonlySet<string>): Readonly<Record<string, unknown>> | undefined {
  if (!isRecord(v)) return undefined;
  for (const key in v) if (!keys.has(key) || !Object.hasOwn(v, key) || v[key] === undefined) return undefined;
  return v;
}

/** An optional field: absent stays undefined (not NO). */
function optional(v: unknown, check: FastCheck): unknown {
  return v === undefined ? undefined : check(v);
}

/** A list of records with unique ids (`checkUniqueIds`), each read by `item`; NO if any is not accepted. */
function listWithIds<T extends { readonly id: string }>(v: unknown, item: (x: unknown) => T | typeof NO): T[] | undefined | typeof NO {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return NO;
  const out: T[] = [];
  const ids = new Set<string>();
  for (const x of v as unknown[]) {
    const r = item(x);
    if (r === NO || ids.has(r.id)) return NO;
    ids.add(r.id);
    out.push(r);
  }
  return out;
}

function contact(v: unknown): { id: string; relation: string } | typeof NO {
  const r = record(v, CONTACT_KEYS);
  if (r === undefined) return NO;
  const id = idText(r.id);
  const relation = nonBlank(r.relation);
  return id === NO || relation === NO ? NO : { id: id as string, relation: relation as string };
}

function guarantor(v: unknown): { id: string } | typeof NO {
  const r = record(v, GUARANTOR_KEYS);
  const id = r === undefined ? NO : idText(r.id);
  return id === NO ? NO : { id: id as string };
}

function collateral(v: unknown): { id: string; kind: string; value: number; valuedOn: Day } | typeof NO {
  const r = record(v, COLLATERAL_KEYS);
  if (r === undefined) return NO;
  const id = idText(r.id);
  const kind = nonBlank(r.kind);
  const value = nonNegativeAmount(r.value);
  const valuedOn = dayText(r.valuedOn);
  if (id === NO || kind === NO || value === NO || valuedOn === NO) return NO;
  return { id: id as string, kind: kind as string, value: value as number, valuedOn: valuedOn as Day };
}

const kind = oneOf(BORROWER_KINDS);
const repaymentMethod = oneOf(REPAYMENT_METHODS);
const term = integerIn(1, MAX_TERM_MONTHS);
const timeZone: FastCheck = (v) => (typeof v === 'string' && isTimeZone(v) ? v : NO);
const currency: FastCheck = (v) => (typeof v === 'string' && currencyProblem(v) === undefined ? v : NO);
const attributes: FastCheck = (v) => {
  const parsed = attributesSchema.safeParse(v);
  return parsed.success ? parsed.data : NO;
};

/** The loan's fields as the schema parses them, before its transform; undefined when the schema must look. */
function loanInput(raw: unknown): LoanInput | undefined {
  const v = record(raw, LOAN_KEYS);
  // An explicit schedule has checks of its own (order, dates, sum): the schema's.
  if (v === undefined || v.schedule !== undefined) return undefined;
  const b = record(v.borrower, BORROWER_KEYS);
  if (b === undefined) return undefined;
  const borrower = { id: idText(b.id), kind: kind(b.kind), contacts: listWithIds(b.contacts, contact), riskRating: optional(b.riskRating, nonBlank) };
  const fields = {
    id: idText(v.id),
    principal: positiveAmount(v.principal),
    annualRate: yearlyRate(v.annualRate),
    disbursedOn: dayText(v.disbursedOn),
    timeZone: optional(v.timeZone, timeZone),
    termMonths: optional(v.termMonths, term),
    repayment: optional(v.repayment, repaymentMethod),
    firstDueOn: optional(v.firstDueOn, dayText),
    selfPaid: optional(v.selfPaid, bool),
    guarantors: listWithIds(v.guarantors, guarantor),
    collateral: listWithIds(v.collateral, collateral),
    penaltyRate: optional(v.penaltyRate, yearlyRate),
    currency: optional(v.currency, currency),
    attributes: optional(v.attributes, attributes),
  };
  if (Object.values(borrower).includes(NO) || Object.values(fields).includes(NO)) return undefined;
  const input = { ...fields, borrower } as unknown as LoanInput;
  // The schema's cross-field rules (`checkLoan`) for a loan without an explicit schedule.
  if (input.repayment === undefined || input.termMonths === undefined) return undefined;
  if (input.firstDueOn !== undefined) {
    if (input.repayment === 'bullet' || input.firstDueOn <= input.disbursedOn || input.firstDueOn > addMonths(input.disbursedOn, 2)) return undefined;
  }
  return input;
}

/**
 * The contract as `loanContractSchema` would parse it — the same value, assembled by the same
 * `toLoanContract` — when the fast check accepts it; `undefined` when the schema must look at it (a
 * problem, or a loan with an explicit schedule).
 *
 * @example
 * ```ts
 * const loan = acceptLoan(json.loan) ?? loanContractSchema.parse(json.loan); // zod only for what the fast check leaves
 * ```
 */
export function acceptLoan(raw: unknown): LoanContract | undefined {
  const input = loanInput(raw);
  return input === undefined ? undefined : toLoanContract(input);
}
