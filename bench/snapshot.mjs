// Benchmark: end-of-day snapshots of a generated 3-year book — their size, the CPU time to restore one
// (checked, and trusted as a store's own row), and the whole nightly step per due loan (read the stored
// text, parse, restore, resume one day, write the new snapshot and the output). CPU time
// (process.cpuUsage, this thread) is reported beside wall time: the machine may be shared.
// Run with `npm run bench` (builds first). Imports only the built package.
// Writes the figures to bench/snapshot.local.json (a local artefact: do not commit it).
import { hash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays, cnDefaultPack, day, formatDay, generatePortfolio, parseHistoryValue, replayWithSnapshot, restoreSnapshot, resumeReplay, unwrap, useHostSha256, SNAPSHOT_VERSION, WakeIndex } from '../dist/index.js';

const LOANS = Number(process.env.BENCH_SNAPSHOT_LOANS ?? 2_000);
const NIGHTS = Number(process.env.BENCH_SNAPSHOT_NIGHTS ?? 5);
const AS_OF = '2026-06-16';
const MIN_TIMED_NS = 1_000_000_000n;
const pack = cnDefaultPack();

/** Runs `pass` until ≥ 1 s of wall time has passed; returns µs per item, wall and CPU (user + system). */
function perItem(items, pass) {
  pass(); // warm-up
  let rounds = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    pass();
    rounds++;
    elapsed = process.hrtime.bigint() - t0;
  } while (elapsed < MIN_TIMED_NS);
  const cpu = process.cpuUsage(cpu0);
  const n = rounds * items;
  return { wallMicros: Number(elapsed) / 1e3 / n, cpuMicros: (cpu.user + cpu.system) / n };
}

// The book at the end of AS_OF, as a store keeps it: the lean snapshot's text (what the end of day writes).
const histories = [...generatePortfolio({ seed: 20_261_206, loans: LOANS, asOf: AS_OF, years: 3 })].map((h) => unwrap(parseHistoryValue(h, 'book.jsonl')));
const asOf = day(AS_OF);
const texts = histories.map((h) => JSON.stringify(replayWithSnapshot(h, pack, { asOf, lean: true }).snapshot));
const fullTexts = histories.map((h) => JSON.stringify(replayWithSnapshot(h, pack, { asOf }).snapshot));
const bytes = (xs) => xs.reduce((n, t) => n + Buffer.byteLength(t), 0) / xs.length;
const leanBytes = bytes(texts);
const fullBytes = bytes(fullTexts);

// Restore alone: JSON text → a snapshot ready to resume, every loan of the book.
const restorePass = (options) => () => {
  for (let i = 0; i < texts.length; i++) unwrap(restoreSnapshot(JSON.parse(texts[i]), pack, options));
};
const parsePass = () => {
  for (let i = 0; i < texts.length; i++) JSON.parse(texts[i]);
};
const parseOnly = perItem(texts.length, parsePass);
const checked = perItem(texts.length, restorePass({}));
const trusted = perItem(texts.length, restorePass({ trusted: true }));

// The nightly step, NIGHTS nights in a row: the loans due (or the whole book's rows indexed by review
// day, as a store does), each read, restored, resumed one day, its snapshot and output written.
function nights(options) {
  let rows = histories.map((h, i) => ({ loanId: h.loan.id, nextReviewOn: JSON.parse(texts[i]).nextReviewOn, text: texts[i] }));
  let due = 0;
  let outBytes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let n = 1; n <= NIGHTS; n++) {
    const to = addDays(asOf, n);
    const index = new WakeIndex(rows);
    const byId = new Map(rows.map((r) => [r.loanId, r]));
    for (const row of index.due(formatDay(to))) {
      const restored = unwrap(restoreSnapshot(JSON.parse(row.text), pack, options));
      const r = resumeReplay(restored, pack, [], { asOf: to, lean: true });
      const text = JSON.stringify(r.snapshot);
      outBytes += text.length + JSON.stringify(r.output).length;
      byId.set(row.loanId, { loanId: row.loanId, nextReviewOn: r.snapshot.nextReviewOn, text });
      due++;
    }
    rows = [...byId.values()];
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e3;
  const cpu = process.cpuUsage(cpu0);
  return { due, outBytes, wallMicros: wall / due, cpuMicros: (cpu.user + cpu.system) / due };
}
nights({}); // warm-up
const nightChecked = nights({});
const nightTrusted = nights({ trusted: true });
// As the CLI and the store run it (useNodeSha256): Node's SHA-256 for checksums and timeline ids.
useHostSha256((bytes) => hash('sha256', bytes, 'hex'));
nights({ trusted: true }); // warm-up
const nightNative = nights({ trusted: true });
useHostSha256(undefined);

const results = {
  snapshotVersion: SNAPSHOT_VERSION,
  loans: LOANS,
  asOf: AS_OF,
  leanSnapshotBytes: Math.round(leanBytes),
  fullSnapshotBytes: Math.round(fullBytes),
  restoreMicrosPerLoan: {
    jsonParse: parseOnly,
    checked,
    trusted,
  },
  nightlyMicrosPerDueLoan: { nights: NIGHTS, dueLoans: nightChecked.due, checked: nightChecked, trusted: nightTrusted, trustedNodeSha256: nightNative },
};
writeFileSync(fileURLToPath(new URL('./snapshot.local.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);

const f = (x) => x.toFixed(0).padStart(6);
const line = (label, t) => console.log(`${label.padEnd(58)} ${f(t.cpuMicros)} µs CPU ${f(t.wallMicros)} µs wall`);
console.log(`\nSnapshots (format ${SNAPSHOT_VERSION}) of a generated 3-year book, ${LOANS} loans at ${AS_OF}`);
console.log(`${'  lean snapshot (end of day), mean size'.padEnd(58)} ${f(leanBytes)} bytes`);
console.log(`${'  full snapshot, mean size'.padEnd(58)} ${f(fullBytes)} bytes`);
line('  JSON.parse of the stored text alone, per loan', parseOnly);
line('  restore per loan, checked (parse + restoreSnapshot)', checked);
line('  restore per loan, trusted (store row, checksum only)', trusted);
line(`  nightly step per due loan, checked (${nightChecked.due} over ${NIGHTS} nights)`, nightChecked);
line(`  nightly step per due loan, trusted`, nightTrusted);
line(`  nightly step per due loan, trusted, node:crypto SHA-256`, nightNative);
