import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayWithSnapshot } from '../../../src/engine/replay';
import { compactClosed, compactRetired, hasRetired } from '../../../src/engine/tasks/compactRetired';
import { isTaken } from '../../../src/engine/tasks/openTask';
import { idKind, idParty, persistTasks, type TaskBookState } from '../../../src/engine/tasks/persistTasks';
import { restoreTasks } from '../../../src/engine/tasks/restoreTasks';
import { createTaskBook, type Task, type TaskBook, type TaskRule } from '../../../src/engine/tasks/taskBook';
import { unwrap } from '../../../src/errors/PostloanError';
import { parseHistoryValue } from '../../../src/history/parseHistory';
import type { LoanContract } from '../../../src/contract/LoanContract';
import { createLedger } from '../../../src/ledger/ledger';
import { generatePortfolio } from '../../../src/portfolio/generate';
import { cnDefaultPack } from '../../../src/rules/defaultPack';
import { day, formatDay, type Day } from '../../../src/time/day';

// Restoring and persisting a task book with less work (issue 14, end of day): what a restore keeps as
// stored is written back as it was, and the closed tasks of a run are compacted from their own kind and party.

const pack = cnDefaultPack();

/** Lean snapshots of generated loans at 2026-06-16: each loan's contract and its task state as stored (parsed from text). */
function storedBooks(loans: number): { loan: LoanContract; text: string }[] {
  const out: { loan: LoanContract; text: string }[] = [];
  for (const h of generatePortfolio({ seed: 20_261_123, loans, asOf: '2026-06-16', years: 3 })) {
    const history = unwrap(parseHistoryValue(JSON.parse(JSON.stringify(h)), 'h.json'));
    const { snapshot } = replayWithSnapshot(history, pack, { asOf: day('2026-06-16'), lean: true });
    out.push({ loan: history.loan, text: JSON.stringify(snapshot.state.tasks) });
  }
  return out;
}

function restored(loan: LoanContract, state: TaskBookState): TaskBook {
  const book = createTaskBook(pack, loan, [], createLedger([], undefined, pack.allocationOrder), []);
  expect(restoreTasks(book, state)).toEqual([]);
  return book;
}

describe('a restored task book saved untouched (issue 14, end of day)', () => {
  const books = storedBooks(40);

  it('is written back as its stored text, its closed ids as the very arrays restored', () => {
    let groups = 0;
    for (const { loan, text } of books) {
      const state = JSON.parse(text) as TaskBookState;
      const book = restored(loan, state);
      const saved = persistTasks(book, true);
      expect(JSON.stringify(saved)).toBe(text);
      // Not merged again: the stored list itself (a merge made a new one).
      if (state.retiredBy !== undefined) {
        expect(saved.retiredBy).toBe(state.retiredBy);
        groups++;
      }
    }
    expect(groups).toBeGreaterThan(20);
  });

  it('is not indexed by id until a task is about to be raised; then every task, stored closed ids and all, is taken', () => {
    let checked = 0;
    for (const { loan, text } of books) {
      const state = JSON.parse(text) as TaskBookState;
      const book = restored(loan, state);
      expect(book.byId.size).toBe(0);
      expect(book.open.map((k) => k.id)).toEqual(state.open);
      expect(book.breached.size).toBe(state.breached.length);
      for (const [kind, ids] of state.breached) expect((book.breached.get(kind) ?? []).map((k) => k.id)).toEqual(ids);
      const prefix = `${loan.id}/`;
      for (const s of state.tasks) expect(isTaken(book, s.id)).toBe(true);
      expect(book.byId.size).toBe(state.tasks.length);
      for (const [group, days, keys] of state.retiredBy ?? []) {
        const [kind, party] = group.split('/') as [string, string];
        for (const key of [...days.map((d) => formatDay(d as Day)), ...keys]) {
          expect(isTaken(book, `${prefix}${kind}/${key}/${party}`)).toBe(true);
          checked++;
        }
        expect(isTaken(book, `${prefix}${kind}/never/${party}`)).toBe(false);
      }
      expect(isTaken(book, `${prefix}noSuchKind/2026-06-17/borrower`)).toBe(false);
    }
    expect(checked).toBeGreaterThan(500);
  });
});

const rule = pack.rulesByType.task[0] as TaskRule;
const part = fc.oneof(fc.constantFrom('contactCall', 'fieldVisit', 'borrower', 'k1', 'a/b', ''), fc.string({ maxLength: 4 }));
const key = fc.oneof(
  fc.date({ min: new Date('1895-01-01'), max: new Date('2205-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2025-08', 'i6+4d', 'ev/2026/01', ''),
  fc.string({ maxLength: 4 }),
);
/** A task of loan L-1 whose id is `L-1/kind/key/party` of its own kind and party, or of others (or of no such form). */
const task = fc
  .record({ kind: part, key, party: part, idKind: fc.option(part), idParty: fc.option(part), bare: fc.boolean(), status: fc.constantFrom('open', 'breached', 'done', 'late', 'cancelled') })
  .map(
    (r): Task => ({
      id: r.bare ? `L-1/${r.key}` : `L-1/${r.idKind ?? r.kind}/${r.key}/${r.idParty ?? r.party}`,
      kind: r.kind,
      ruleId: rule.policyId,
      rule,
      ruleIndex: 0,
      party: r.party,
      openedOn: 20_000 as Day,
      dueOn: 20_001 as Day,
      anchorOn: 20_000 as Day,
      times: 1,
      progress: 0,
      status: r.status,
      breachRecorded: false,
    }),
  );

describe('closed tasks compacted from their kind and party (issue 14, nightly)', () => {
  it('compactClosed gives what compactRetired gives of the ids of the tasks not owed', () => {
    fc.assert(
      fc.property(fc.array(task, { maxLength: 40 }), (tasks) => {
        const ids = tasks.filter((k) => k.status !== 'open' && k.status !== 'breached').map((k) => k.id.slice(4));
        expect(JSON.stringify(compactClosed(tasks, 4))).toBe(JSON.stringify(compactRetired(ids)));
        const c = compactClosed(tasks, 4);
        for (const id of ids) expect(hasRetired(c, id)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a saved task keeps `kind` and `party` exactly when its id does not name them', () => {
    fc.assert(
      fc.property(fc.array(task, { maxLength: 10 }), (tasks) => {
        const book = createTaskBook(pack, { id: 'L-1', disbursedOn: day('2026-01-05') } as LoanContract, [], createLedger([], undefined, pack.allocationOrder), []);
        book.tasks.push(...tasks);
        const saved = persistTasks(book, false).tasks;
        tasks.forEach((k, i) => {
          expect(saved[i]?.kind).toBe(idKind(k.id, 4) === k.kind ? undefined : k.kind);
          expect(saved[i]?.party).toBe(idParty(k.id) === k.party ? undefined : k.party);
        });
      }),
      { numRuns: 500 },
    );
  });
});
