import { describe, expect, it } from 'vitest';
import { generatedContractSchedule } from '../../src/contract/contractSchedule';
import { loanContractSchema } from '../../src/contract/LoanContract';
import { generateSchedule, type Instalment } from '../../src/contract/schedule';
import { unwrap } from '../../src/errors/PostloanError';
import { replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshotText } from '../../src/engine/snapshot';
import { snapshotText } from '../../src/engine/snapshotText';
import { parseHistoryValue, type History } from '../../src/history/parseHistory';
import { generatePortfolio } from '../../src/portfolio/generate';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';

// Validating a history generates the contract's schedule, and the run's snapshot compares the schedule in
// force with it instead of generating it again (issue 14): the bytes must be those of a run that never
// saw a validated history, and a schedule changed after validation must still be stored.

const pack = cnDefaultPack();
const asOf = day('2026-06-16');
const book = [...generatePortfolio({ seed: 20_261_207, loans: 24, asOf: '2026-06-16', years: 3 })];
const parse = (raw: unknown): History => unwrap(parseHistoryValue(raw, 'h.json'));

/** The same history, its contract parsed by the schema and its schedule generated apart: nothing kept. */
function cold(raw: { readonly loan: unknown }, events: History['events']): History {
  const loan = loanContractSchema.parse(raw.loan);
  return { loan, schedule: generateSchedule(loan), events };
}

const bytes = (h: History): string => {
  const { output, snapshot } = replayWithSnapshot(h, pack, { asOf, lean: true });
  return `${JSON.stringify(output)}\n${snapshotText(snapshot)}`;
};

describe('the contract schedule a validated history shares with its snapshot (issue 14)', () => {
  it('gives the bytes of a run whose contract nobody generated a schedule for', () => {
    for (const raw of book) {
      const warm = parse(raw);
      expect(generatedContractSchedule(warm.loan)).toBe(warm.schedule);
      const c = cold(raw, warm.events);
      expect(generatedContractSchedule(c.loan)).toBeUndefined();
      expect(bytes(warm)).toBe(bytes(c));
    }
  });

  it('gives each of two histories with different contracts its own schedule, in one process', () => {
    const a = parse(book[0]);
    const b = parse(book[1]);
    expect(a.schedule).not.toEqual(b.schedule);
    // A's contract with B's schedule: not the contract's, so the snapshot stores it, and a restore runs on it.
    const mixed: History = { loan: a.loan, schedule: b.schedule, events: [] };
    const { snapshot } = replayWithSnapshot(mixed, pack, { asOf: a.loan.disbursedOn, lean: true });
    expect(snapshot.state.ledger.schedule).toBeDefined();
    const restored = unwrap(restoreSnapshotText(snapshotText(snapshot), pack));
    expect(restored.history.schedule.map((i) => [i.dueOn, i.principal, i.interest])).toEqual(b.schedule.map((i) => [i.dueOn, i.principal, i.interest]));
    // Each contract's own schedule is still left out of its own snapshot.
    for (const h of [a, b]) expect(replayWithSnapshot(h, pack, { asOf, lean: true }).snapshot.state.ledger.schedule).toBeUndefined();
  });

  it('stores a schedule edited in place after validation, as it stores one handed over edited', () => {
    const raw = book[2];
    const edited = parse(raw);
    const copy = parse(raw);
    const k = 2;
    const changed: Instalment = { ...(edited.schedule[k] as Instalment), interest: (edited.schedule[k] as Instalment).interest + 100 };
    (edited.schedule as Instalment[])[k] = changed;
    const handed: History = { ...copy, schedule: copy.schedule.map((i, j) => (j === k ? changed : i)) };
    const { snapshot } = replayWithSnapshot(edited, pack, { asOf, lean: true });
    expect(snapshot.state.ledger.schedule).toBeDefined();
    expect(bytes(edited)).toBe(bytes(handed));
    // Resumed, the edited schedule stays in force.
    const restored = unwrap(restoreSnapshotText(snapshotText(snapshot), pack));
    expect(restored.history.schedule[k]?.interest).toBe(changed.interest);
    const resumed = resumeReplay(restored, pack, [], { asOf: day('2026-07-16'), lean: true });
    expect(resumed.snapshot.state.ledger.schedule).toBeDefined();
  });

  it('stores a restored schedule edited in place before the resume (the restore shares the contract’s)', () => {
    const h = parse(book[4]);
    const { snapshot } = replayWithSnapshot(h, pack, { asOf, lean: true });
    expect(snapshot.state.ledger.schedule).toBeUndefined();
    const restored = unwrap(restoreSnapshotText(snapshotText(snapshot), pack, { trusted: true }));
    const n = restored.history.schedule.length;
    const last = restored.history.schedule[n - 1] as Instalment;
    (restored.history.schedule as Instalment[])[n - 1] = { ...last, interest: last.interest + 1 };
    const resumed = resumeReplay(restored, pack, [], { asOf: day('2026-07-16'), lean: true });
    expect(resumed.snapshot.state.ledger.schedule).toBeDefined();
  });

  it('stores the schedule of a contract edited after validation', () => {
    const h = parse(book[3]);
    const loan = h.loan as { principal: number };
    loan.principal += 100;
    // The run used the schedule validated with the old principal: not the contract's any more.
    expect(replayWithSnapshot(h, pack, { asOf, lean: true }).snapshot.state.ledger.schedule).toBeDefined();
  });
});
