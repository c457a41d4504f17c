import { isRecord } from '../contract/primitives';
import { anyString, bool, dayText, idText, integerIn, NO, nonBlank, nonNegativeAmount, oneOf, positiveAmount, type FastCheck } from '../contract/fastChecks';
import {
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  CONTACT_PARTIES,
  MAX_OBSERVATION_TEXT,
  OBSERVATION_NAME,
  parseRatioValue,
  RISK_INDICATORS,
  type LoanEvent,
  type RiskIndicator,
} from './events';
import { timestampMillis } from './timestamp';
import { canGenerateCode } from '../rules/generatePredicate';

// The fast path of event validation: a hand-written check that accepts the well-formed events of a
// history (almost all of a nightly book) without zod. It never refuses anything: whatever it does not
// accept — a problem, or a case it does not cover — goes to the zod schema, which alone words the
// issues, so messages stay those of `loanEventSchema`. A differential test holds the two together.

type Field = FastCheck;
const timestamp: Field = (v) => (typeof v === 'string' && timestampMillis(v) !== undefined ? v : NO);
const scalar: Field = (v) => (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : NO);
const observationName: Field = (v) => (typeof v === 'string' && OBSERVATION_NAME.test(v) ? v : NO);
const observationValue: Field = (v) => ((typeof v === 'string' && v.length <= MAX_OBSERVATION_TEXT) || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : NO);

/** A field of an event: its name, check, and whether it may be absent. */
export interface Spec {
  readonly name: string;
  readonly check: Field;
  readonly optional: boolean;
}

type SpecTuple = readonly [name: string, check: Field, optional: boolean];

/** The fields every event starts with, in the schema's order (the output keeps it). */
const COMMON: readonly SpecTuple[] = [
  ['id', idText, false],
  ['on', dayText, false],
  ['note', anyString, true],
  ['type', anyString, false],
];

/** Event types the fast path covers, with their own fields in the schema's order; `restructure` is left to zod. */
const OWN_FIELDS: Readonly<Record<string, readonly SpecTuple[]>> = {
  payment: [['amount', positiveAmount, false]],
  contactAttempt: [
    ['at', timestamp, false],
    ['party', oneOf(CONTACT_PARTIES), false],
    ['partyId', idText, true],
    ['channel', oneOf(CONTACT_CHANNELS), false],
    ['outcome', oneOf(CONTACT_OUTCOMES), false],
    ['number', nonBlank, true],
  ],
  promiseToPay: [
    ['amount', positiveAmount, false],
    ['by', dayText, false],
  ],
  fieldVisit: [
    ['found', bool, false],
    ['photos', integerIn(0, 10_000), true],
  ],
  inspection: [
    ['kind', nonBlank, false],
    ['collateralId', idText, true],
  ],
  noticeSent: [
    ['kind', nonBlank, false],
    ['receiptSigned', bool, true],
    ['party', idText, true],
    ['partyId', idText, true],
  ],
  collateralValuation: [
    ['collateralId', idText, false],
    ['value', nonNegativeAmount, false],
  ],
  materialEvent: [['description', nonBlank, false]],
  ratingChange: [['rating', nonBlank, false]],
  extension: [
    ['newMaturity', dayText, false],
    ['requestedBy', nonBlank, false],
    ['approvedBy', nonBlank, false],
  ],
  reAge: [
    ['requestedBy', nonBlank, false],
    ['approvedBy', nonBlank, false],
  ],
  agencyPlacement: [['agencyId', idText, false]],
  agencyRecall: [['reason', nonBlank, false]],
  lawsuitFiled: [],
  judgment: [],
  writeOffRequest: [['by', nonBlank, false]],
  writeOffApproval: [['by', nonBlank, false]],
  misappropriation: [],
  riskSignal: [
    ['indicator', nonBlank, false],
    ['value', scalar, false],
  ],
  assigned: [
    ['collectorId', idText, false],
    ['agencyId', idText, true],
  ],
  collectionFeedback: [
    ['at', timestamp, false],
    ['collectorId', idText, true],
  ],
  reversal: [
    ['reverses', idText, false],
    ['reason', nonBlank, false],
  ],
  observation: [
    ['name', observationName, false],
    ['value', observationValue, false],
  ],
};

/** Every field of each covered type, the common ones first: the order the schema's output has. */
const SHAPES: ReadonlyMap<string, readonly Spec[]> = new Map(
  Object.entries(OWN_FIELDS).map(([type, own]) => [type, [...COMMON, ...own].map(([name, check, optional]) => ({ name, check, optional }))]),
);

/** The cross-field checks of the schema, on the converted event; false sends the event to zod. */
function crossFieldsHold(e: Record<string, unknown>): boolean {
  switch (e.type) {
    case 'promiseToPay':
      return (e.by as number) >= (e.on as number);
    case 'extension':
      return (e.newMaturity as number) > (e.on as number);
    case 'riskSignal': {
      const indicator = e.indicator as string;
      if (!Object.prototype.hasOwnProperty.call(RISK_INDICATORS, indicator)) return true;
      const kind = RISK_INDICATORS[indicator as RiskIndicator];
      return kind === 'boolean' ? typeof e.value === 'boolean' : parseRatioValue(e.value) !== undefined;
    }
    default:
      return true;
  }
}

/** Accepts one event of a known type (given its `seq`), or `undefined`: what {@link acceptEvent} hands on to. */
type Acceptor = (raw: Readonly<Record<string, unknown>>, seq: number) => LoanEvent | undefined;

/** The accepting loop over a type's fields: the reference, and what runs where generated code is refused. */
function loopAcceptor(specs: readonly Spec[]): Acceptor {
  return (raw, seq) => {
    const out: Record<string, unknown> = {};
    let seen = 0;
    for (const { name, check, optional } of specs) {
      if (!Object.hasOwn(raw, name)) {
        if (optional) continue;
        return undefined;
      }
      seen++;
      const v = raw[name];
      // zod keeps an optional key given as undefined (only a JS caller can write one); so does this.
      if (v === undefined && optional) {
        out[name] = undefined;
        continue;
      }
      const checked = check(v);
      if (checked === NO) return undefined;
      out[name] = checked;
    }
    // An unknown key (including an own `__proto__`) is a problem zod words. `for…in` also counts inherited
    // enumerable keys, which only makes the count differ (and zod decide).
    let keys = 0;
    for (const _key in raw) keys++;
    if (keys !== seen || !crossFieldsHold(out)) return undefined;
    out.seq = seq;
    return out as unknown as LoanEvent;
  };
}

/** A field name as a JavaScript string literal: JSON, with the two line separators escaped as well. */
function nameLiteral(name: string): string {
  return JSON.stringify(name).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The source of a type's generated acceptor: {@link loopAcceptor} written out field by field, so each
 * key is read and written by a name fixed in the text (a load and a store V8 caches at their own site,
 * where the loop's `raw[name]` and `out[name]` go through its megamorphic cache) and each check is called
 * from its own site. Only the fixed text below, field names through `nameLiteral` (the module's own
 * constants) and slot numbers. Exported for the tests.
 */
export function acceptorSource(specs: readonly Spec[]): string {
  const lines = specs.map(({ name, optional }, i) => {
    const key = nameLiteral(name);
    const check = `x = c${String(i)}(v); if (x === NO) return undefined; out[${key}] = x;`;
    return optional
      ? `if (hasOwn(raw, ${key})) { seen++; v = raw[${key}]; if (v === undefined) out[${key}] = undefined; else { ${check} } }`
      : `if (!hasOwn(raw, ${key})) return undefined; seen++; v = raw[${key}]; ${check}`;
  });
  return `"use strict"; return function (raw, seq) { const out = {}; let seen = 0; let v; let x; ${lines.join(' ')} let keys = 0; for (const _key in raw) keys++; if (keys !== seen || !cross(out)) return undefined; out.seq = seq; return out; };`;
}

/** A type's acceptor: generated when the runtime allows it, else the loop (same answers, slower). */
function acceptorOf(specs: readonly Spec[], generate: boolean): Acceptor {
  if (!generate) return loopAcceptor(specs);
  const checks = specs.map((s) => s.check);
  const params = ['hasOwn', 'NO', 'cross', ...checks.map((_, i) => `c${String(i)}`)];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- text built only from fixed templates, JSON string literals and integers (see acceptorSource)
  const make = new Function(...params, acceptorSource(specs)) as (...args: unknown[]) => Acceptor;
  return make(Object.hasOwn, NO, crossFieldsHold, ...checks);
}

/** The acceptors by event type, generated or looping as asked; made on first use. Exported for the tests. */
export function acceptors(generate: boolean): ReadonlyMap<string, Acceptor> {
  return new Map([...SHAPES].map(([type, specs]) => [type, acceptorOf(specs, generate)]));
}

let byType: ReadonlyMap<string, Acceptor> | undefined;

/**
 * The event as `loanEventSchema` would parse it — same values, same keys in the same order — given its
 * place in the file (`seq`, the last key, as the history adds it), when the fast check accepts it;
 * `undefined` when the schema must look at it (a problem, or a restructure).
 *
 * @example
 * ```ts
 * const parsed = acceptEvent(raw, 3) ?? { ...loanEventSchema.parse(raw), seq: 3 }; // zod only for what the fast check leaves
 * ```
 */
export function acceptEvent(raw: unknown, seq: number): LoanEvent | undefined {
  if (!isRecord(raw)) return undefined;
  const type = raw.type;
  if (typeof type !== 'string') return undefined;
  const accept = (byType ??= acceptors(canGenerateCode())).get(type);
  return accept === undefined ? undefined : accept(raw, seq);
}
