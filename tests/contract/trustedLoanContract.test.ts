import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loanContractSchema, type LoanContract } from '../../src/contract/LoanContract';
import { trustedLoanContract } from '../../src/contract/trustedLoanContract';
import { replayWithSnapshot } from '../../src/engine/replay';
import { loanInput, restoreSnapshot } from '../../src/engine/snapshot';
import { formatIssues } from '../../src/errors/formatIssues';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { generatePortfolio } from '../../src/portfolio/generate';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { contentHash } from '../../src/rules/hash';
import { day } from '../../src/time/day';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** Key order included, rates' bigints as text: the two contracts are the same object, byte for byte. */
const bytes = (loan: LoanContract | undefined): string => JSON.stringify(loan, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
const schema = (loan: unknown): LoanContract => loanContractSchema.parse(loan);
const loanOf = (file: string): Json => (JSON.parse(readFileSync(file, 'utf8')) as Json)['loan'] as Json;
const reseal = (s: Json): Json => {
  const { checksum: _c, ...content } = s;
  return { ...content, checksum: contentHash([content]) };
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('trustedLoanContract (issue 14, end of day)', () => {
  const explicit = {
    id: 'L-X',
    borrower: { id: 'B-1', kind: 'corporate', riskRating: 'BBB' },
    principal: '3000.00',
    annualRate: '0.06',
    disbursedOn: '2026-01-15',
    repayment: 'interestOnly',
    schedule: [
      { dueOn: '2026-04-15', principal: '1000.00', interest: '45.00' },
      { dueOn: '2026-07-15', principal: '2000.00', interest: '30.00' },
    ],
    penaltyRate: '0.09',
    currency: 'USD',
    attributes: { product: 'auto', region: { city: 'Shanghai' } },
  };

  it('gives the contract the schema gives, for every loan of a generated book as a snapshot writes it', () => {
    for (const g of generatePortfolio({ seed: 20_261_207, loans: 150, asOf: '2026-06-16', years: 3 })) {
      const written = JSON.parse(JSON.stringify(loanInput(unwrap(parseHistoryValue(g, 'g.json')).loan))) as Json;
      expect(bytes(trustedLoanContract(written))).toBe(bytes(schema(written)));
    }
  });

  it('and for explicit schedules, labels, currencies, attributes, collateral and the examples', () => {
    const loans = [explicit, loanOf('examples/rolls-to-outsourced.json'), loanOf('examples/settled.json'), loanOf('tests/fixtures/us-ffiec/open-end.json'), loanOf('tests/fixtures/eba-dod/small-arrear.json')];
    for (const loan of loans) {
      const written = JSON.parse(JSON.stringify(loanInput(schema(loan)))) as Json;
      expect(trustedLoanContract(written)).toBeDefined();
      expect(bytes(trustedLoanContract(written))).toBe(bytes(schema(written)));
      // Also as given (defaults not written out yet): the schema's defaults, filled in the same way.
      expect(bytes(trustedLoanContract(loan))).toBe(bytes(schema(loan)));
    }
  });

  it('gives undefined for anything not in the written form, so the caller falls back to the schema', () => {
    const base = loanInput(schema(explicit));
    const broken: unknown[] = [
      null,
      [],
      { ...base, principl: '1.00' },
      { ...base, principal: 3000 },
      { ...base, principal: '0.00' },
      { ...base, principal: '3000' },
      { ...base, annualRate: '1.5' },
      { ...base, disbursedOn: '2026-02-30' },
      { ...base, timeZone: 'Asia/Beijing' },
      { ...base, currency: 'RMB' },
      { ...base, selfPaid: 'no' },
      { ...base, borrower: { id: 'B-1', kind: 'person' } },
      { ...base, borrower: { id: '', kind: 'retail' } },
      { ...base, guarantors: [{ id: 'G-1', name: 'x' }] },
      { ...base, collateral: [{ id: 'C', kind: 'car', value: '-1.00', valuedOn: '2026-01-01' }] },
      { ...base, schedule: [{ dueOn: '2026-04-15', principal: '3000.00' }] },
      { ...base, attributes: [1] },
      { ...base, schedule: undefined, repayment: undefined, termMonths: 12 },
      { ...base, schedule: undefined, repayment: 'bullet', termMonths: 481 },
      JSON.parse('{"__proto__": {"polluted": true}}'),
    ];
    for (const loan of broken) expect(trustedLoanContract(loan)).toBeUndefined();
    expect(({} as Json)['polluted']).toBeUndefined();
  });
});

describe('restoreSnapshot reads a trusted contract without the schema (issue 14, end of day)', () => {
  const pack = cnDefaultPack();
  const rolls = unwrap(parseHistoryValue(JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')), 'rolls.json'));
  const snap = (): Json => JSON.parse(JSON.stringify(replayWithSnapshot(rolls, pack, { asOf: day('2026-03-01'), lean: true }).snapshot)) as Json;
  const text = (r: ReturnType<typeof restoreSnapshot>): string => (r.ok ? 'ok' : formatIssues(r.issues));

  it('trusted: the schema is not called and the restored contract is the one it would give', () => {
    const spy = vi.spyOn(loanContractSchema, 'safeParse');
    const trusted = unwrap(restoreSnapshot(snap(), pack, { trusted: true }));
    expect(spy).not.toHaveBeenCalled();
    const checked = unwrap(restoreSnapshot(snap(), pack));
    // Not trusted, a well-formed contract is accepted by the fast check (acceptLoan), which checks all the schema does.
    expect(spy).not.toHaveBeenCalled();
    expect(bytes(trusted.history.loan)).toBe(bytes(checked.history.loan));
    expect(bytes(checked.history.loan)).toBe(bytes(loanContractSchema.parse(snap()['loan'])));
  });

  it('regression: a sealed snapshot whose contract breaks a rule the shortcut skips is still refused when not trusted', () => {
    const s = snap();
    s['loan'].guarantors = [{ id: 'G-1' }, { id: 'G-1' }];
    s['loan'].firstDueOn = '2020-01-01';
    const sealed = reseal(s);
    const checked = text(restoreSnapshot(sealed, pack));
    expect(checked).not.toBe('ok');
    expect(checked).toContain('loan.guarantors');
  });

  it('regression: a sealed contract not in the written form goes through the schema even when trusted, with worded issues', () => {
    const s = snap();
    s['loan'].principal = 73_000;
    s['loan'].annualRte = '0.1';
    for (const trusted of [false, true]) {
      const r = text(restoreSnapshot(reseal(s), pack, { trusted }));
      expect(r).toContain('loan.principal');
      expect(r).toContain('annualRte');
    }
  });

  it('a tampered contract is refused, trusted or not: the checksum is checked before the shortcut', () => {
    for (const trusted of [false, true]) {
      const s = snap();
      s['loan'].principal = '1.00';
      expect(text(restoreSnapshot(s, pack, { trusted }))).toContain('The snapshot was modified');
    }
  });
});
