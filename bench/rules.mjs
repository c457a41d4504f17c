// Benchmark: compiled rules vs json-rules-engine, and single-thread replay throughput (with and without
// task rules). The book-scale figures (all cores, end of day, batch memory, the naive way) are in scale.mjs.
// Run with `npm run bench` (builds first). Imports only the built package.
// Writes the figures to bench/results.local.json (a local artefact: do not commit it).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  cnDefaultPack,
  firedRules,
  referenceEngine,
  referenceFiredRuleIds,
  FACT_CATALOGUE,
  FACT_NAMES,
  replay,
  replayWithSnapshot,
  generatePortfolio,
  parseHistoryValue,
  unwrap,
  day,
} from '../dist/index.js';
import { useNodeSha256 } from '../dist/node.js';
import { handWrittenPack, handWrittenRules } from './handWritten.mjs';
import { statePack } from './packs.mjs';

const SEED = 0x5eed_2026;
const N_FACT_SETS = 20_000;
const N_LOANS = Number(process.env.BENCH_LOANS ?? 2_000);
const MIN_TIMED_NS = 1_000_000_000n; // each timed section runs at least 1 s
/** Node's native SHA-256 for timeline ids and checksums, as the CLI, batch and store use it; BENCH_NATIVE_SHA256=0 for the built-in one. */
const NATIVE_SHA256 = process.env.BENCH_NATIVE_SHA256 !== '0';
if (NATIVE_SHA256) useNodeSha256();

// ---------------------------------------------------------------------------------------------
// Helpers

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(SEED);
/** Integer in [min, max]. */
const int = (min, max) => min + Math.floor(rand() * (max - min + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;

const now = () => process.hrtime.bigint();
const nsToS = (ns) => Number(ns) / 1e9;

/** Runs `fn` (one pass over the data, returning how many operations it did) until ≥ 1 s has passed. */
function timeSync(fn) {
  let ops = 0;
  let sink = 0;
  const t0 = now();
  let elapsed = 0n;
  do {
    sink += fn();
    ops += 1;
    elapsed = now() - t0;
  } while (elapsed < MIN_TIMED_NS);
  return { rounds: ops, seconds: nsToS(elapsed), sink };
}

async function timeAsync(fn) {
  let ops = 0;
  let sink = 0;
  const t0 = now();
  let elapsed = 0n;
  do {
    sink += await fn();
    ops += 1;
    elapsed = now() - t0;
  } while (elapsed < MIN_TIMED_NS);
  return { rounds: ops, seconds: nsToS(elapsed), sink };
}

// ---------------------------------------------------------------------------------------------
// 1. Rules: compiled vs json-rules-engine

const DPD_EDGES = [0, 1, 2, 29, 30, 31, 32, 60, 61, 90, 91, 92, 120, 121, 150, 151, 180, 181, 270, 271, 360, 361];
const MONEY_EDGES = [0, 1, 5_000_000, 500_000_000];

function randomValue(spec) {
  switch (spec.type) {
    case 'integer':
      return chance(0.5) ? pick(DPD_EDGES) : int(0, 2000);
    case 'money':
      return chance(0.5) ? pick(MONEY_EDGES) : Math.floor(rand() * 10_000_000_001);
    case 'boolean':
      return chance(0.5);
    case 'enum':
      return pick(spec.values);
    default:
      return Math.floor(rand() * 1e9).toString(36);
  }
}

function randomFacts() {
  const f = {};
  for (const name of FACT_NAMES) f[name] = randomValue(FACT_CATALOGUE[name]);
  return f;
}

const pack = cnDefaultPack();
const factSets = Array.from({ length: N_FACT_SETS }, randomFacts);
const engine = referenceEngine(pack);

// Agreement first: timings are meaningless if the two disagree.
let firedTotal = 0;
for (let i = 0; i < factSets.length; i++) {
  const facts = factSets[i];
  const compiled = firedRules(pack, facts).map((r) => r.id).sort();
  const reference = await referenceFiredRuleIds(engine, facts);
  firedTotal += compiled.length;
  if (compiled.join(',') !== reference.join(',')) {
    console.error(`bench: compiled rules and json-rules-engine disagree on fact set #${i}:`);
    console.error(`  facts:             ${JSON.stringify(facts)}`);
    console.error(`  compiled:          [${compiled.join(', ')}]`);
    console.error(`  json-rules-engine: [${reference.join(', ')}]`);
    process.exit(1);
  }
}

function compiledPass() {
  let n = 0;
  for (let i = 0; i < factSets.length; i++) n += firedRules(pack, factSets[i]).length;
  return n;
}
async function referencePass(sets = factSets) {
  let n = 0;
  for (let i = 0; i < sets.length; i++) n += (await referenceFiredRuleIds(engine, sets[i])).length;
  return n;
}

for (let i = 0; i < 20; i++) compiledPass(); // warm-up
const compiledTiming = timeSync(compiledPass);
await referencePass(factSets.slice(0, 5_000)); // warm-up (the agreement check above warmed it too)
const referenceTiming = await timeAsync(referencePass);

const compiledPerSec = (compiledTiming.rounds * N_FACT_SETS) / compiledTiming.seconds;
const referencePerSec = (referenceTiming.rounds * N_FACT_SETS) / referenceTiming.seconds;
const ratio = compiledPerSec / referencePerSec;
const RATIO_TARGET = 300;

// ---------------------------------------------------------------------------------------------
// 1b. Compiled rules vs the same rules written by hand (bench/handWritten.mjs), side by side in one run

const handPack = handWrittenPack();
for (let i = 0; i < factSets.length; i++) {
  const compiled = firedRules(handPack, factSets[i]).map((r) => r.id);
  const hand = handWrittenRules(factSets[i]);
  if (compiled.join(',') !== hand.join(',')) {
    console.error(`bench: compiled and hand-written rules disagree on fact set #${i}: [${compiled.join(', ')}] vs [${hand.join(', ')}]`);
    process.exit(1);
  }
}
function handCompiledPass() {
  let n = 0;
  for (let i = 0; i < factSets.length; i++) n += firedRules(handPack, factSets[i]).length;
  return n;
}
function handWrittenPass() {
  let n = 0;
  for (let i = 0; i < factSets.length; i++) n += handWrittenRules(factSets[i]).length;
  return n;
}
for (let i = 0; i < 20; i++) handCompiledPass() + handWrittenPass(); // warm-up
// Alternating rounds, so a change of machine load falls on both.
const handTimings = { compiled: [], hand: [] };
for (let round = 0; round < 3; round++) {
  handTimings.compiled.push(timeSync(handCompiledPass));
  handTimings.hand.push(timeSync(handWrittenPass));
}
const perSec = (ts) => ts.reduce((a, t) => a + t.rounds * N_FACT_SETS, 0) / ts.reduce((a, t) => a + t.seconds, 0);
const handCompiledPerSec = perSec(handTimings.compiled);
const handWrittenPerSec = perSec(handTimings.hand);
const handRatio = handWrittenPerSec / handCompiledPerSec;
const HAND_TARGET = 3;

// ---------------------------------------------------------------------------------------------
// 2. Replay throughput

const METHODS = ['equalInstallment', 'equalPrincipal', 'interestOnly', 'bullet'];
const RATES = ['0.0345', '0.0435', '0.0600', '0.0850', '0.1200', '0.2400'];
const TERM = 36;

const money = (fen) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const isoOf = (date) => date.toISOString().slice(0, 10);
const addDaysIso = (iso, days) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoOf(d);
};
const addMonthsIso = (iso, months) => {
  // Disbursement days are 1..28, so no month-end clamping is needed.
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return isoOf(d);
};

/** "0.0435" → { units: 435n, scale: 10000n }. */
function rateOf(text) {
  const [, frac = ''] = text.split('.');
  return { units: BigInt(text.replace('.', '')), scale: 10n ** BigInt(frac.length) };
}
function halfUp(num, den) {
  const q = num / den;
  return Number((num % den) * 2n >= den ? q + 1n : q);
}

/**
 * The instalments (fen) this bench expects the contract to produce, for generating realistic
 * payment amounts. Mirrors the schedule rules of the contract spec; if it is off by a fen the
 * ledger simply carries the difference, which is fine for a benchmark.
 */
function expectedInstalments(principal, rateText, method) {
  const r = rateOf(rateText);
  const monthly = (bal) => halfUp(BigInt(bal) * r.units, r.scale * 12n);
  if (method === 'bullet') return [{ principal, interest: halfUp(BigInt(principal) * r.units * BigInt(TERM), r.scale * 12n) }];
  let level = 0;
  if (method === 'equalInstallment') {
    const u = r.units;
    const d = r.scale * 12n;
    const grown = (d + u) ** BigInt(TERM);
    level = halfUp(BigInt(principal) * u * grown, d * (grown - d ** BigInt(TERM)));
  }
  const part = halfUp(BigInt(principal), BigInt(TERM));
  const out = [];
  let bal = principal;
  for (let k = 0; k < TERM; k++) {
    const interest = monthly(bal);
    let p = method === 'equalInstallment' ? Math.max(level - interest, 0) : method === 'equalPrincipal' ? part : 0;
    p = k === TERM - 1 ? bal : Math.min(p, bal);
    out.push({ principal: p, interest });
    bal -= p;
  }
  return out;
}

function syntheticLoan(i) {
  const method = METHODS[i % METHODS.length];
  const principalFen = int(10_000_00, 2_000_000_00);
  const annualRate = pick(RATES);
  const penaltyRate = chance(0.8) ? pick(['0.0650', '0.1300', '0.1800']) : undefined;
  const disbursedOn = `${pick(['2021', '2022'])}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const instalments = expectedInstalments(principalFen, annualRate, method);
  const dueOf = (k) => addMonthsIso(disbursedOn, method === 'bullet' ? TERM : k + 1);
  const prate = penaltyRate === undefined ? 0 : Number(penaltyRate);

  // Behaviour: 80 % pay every instalment (mostly on time, sometimes late), 13 % stop paying, 7 % prepay.
  const u = rand();
  const behaviour = u < 0.8 ? 'pays' : u < 0.93 ? 'stops' : 'prepays';
  const stopAt = behaviour === 'stops' ? int(0, instalments.length - 1) : instalments.length;
  const prepayAfter = behaviour === 'prepays' && instalments.length > 1 ? int(2, instalments.length - 2) : -1;

  const asOf = addMonthsIso(disbursedOn, TERM);
  const events = [];
  // Written collection notices with receipt while overdue (P-NT-4/5/6): they do collection tasks.
  const notices = [];
  let remainingPrincipal = principalFen;
  let lifeEnd = asOf; // the last day of the loan's life: its settlement, or the as-of date
  for (let k = 0; k < instalments.length && k < stopAt; k++) {
    const it = instalments[k];
    const late = chance(0.85) ? 0 : chance(0.7) ? int(1, 20) : int(21, 75);
    const penalty = late === 0 ? 0 : Math.ceil((it.principal * prate * late) / 360) + 1;
    const on = addDaysIso(dueOf(k), late - (late === 0 ? int(0, 3) : 0));
    events.push({ id: `p${k + 1}`, type: 'payment', on, amount: money(it.principal + it.interest + penalty) });
    if (late >= 5) notices.push(addDaysIso(dueOf(k), int(2, late - 1)));
    remainingPrincipal -= it.principal;
    if (k === instalments.length - 1) lifeEnd = on < asOf ? on : asOf;
    if (k === prepayAfter) {
      // Pay everything off a few days after this instalment: remaining principal + next month's interest.
      const next = instalments[k + 1];
      const payoffOn = addDaysIso(dueOf(k), late + int(3, 20));
      events.push({ id: 'payoff', type: 'payment', on: payoffOn, amount: money(remainingPrincipal + next.interest) });
      lifeEnd = payoffOn;
      break;
    }
  }
  if (behaviour === 'stops') {
    const lastDue = dueOf(Math.min(stopAt, instalments.length - 1));
    events.push({ id: 'call1', type: 'contactAttempt', on: addDaysIso(lastDue, 5), at: `${addDaysIso(lastDue, 5)}T10:00:00+08:00`, party: 'borrower', channel: 'phone', outcome: 'noAnswer' });
    if (chance(0.4)) events.push({ id: 'suit', type: 'lawsuitFiled', on: addDaysIso(lastDue, int(100, 300)) });
    // Monthly notices for a while after the borrower stops paying.
    for (let m = 0, n = int(1, 4); m < n; m++) notices.push(addDaysIso(lastDue, 8 + 30 * m + int(0, 5)));
  }
  notices.forEach((on, j) => {
    if (on < lifeEnd) events.push({ id: `n${j + 1}`, type: 'noticeSent', on, kind: 'collectionNotice', receiptSigned: true });
  });
  // On-site inspection about every 6 months, each followed by its work-log entry the next day (P-IN-4, P-IN-10).
  for (let k = 1; ; k++) {
    const on = addDaysIso(addMonthsIso(disbursedOn, 6 * k), -int(0, 14));
    const logOn = addDaysIso(on, 1);
    if (logOn >= lifeEnd) break;
    events.push({ id: `insp${k}`, type: 'inspection', on, kind: 'onSite' });
    events.push({ id: `log${k}`, type: 'inspection', on: logOn, kind: 'workLog' });
  }

  const loan = {
    id: `L-BENCH-${String(i).padStart(5, '0')}`,
    borrower: { id: `B-${i}`, kind: chance(0.85) ? 'retail' : 'corporate' },
    principal: money(principalFen),
    annualRate,
    disbursedOn,
    termMonths: TERM,
    repayment: method,
    selfPaid: chance(0.3),
    ...(penaltyRate === undefined ? {} : { penaltyRate }),
  };
  return { history: { loan, events }, asOf, behaviour };
}

const loans = Array.from({ length: N_LOANS }, (_, i) => syntheticLoan(i));
const asOfDays = loans.map((l) => day(l.asOf));
const parsed = loans.map((l) => unwrap(parseHistoryValue(l.history, 'bench.json')));

// The same pack without its task rules (and task kinds): the state decisions only.
const packNoTasks = statePack();

// One untimed pass: sanity figures (timeline size, end states, tasks) and warm-up.
let timelineEntries = 0;
let taskCount = 0;
const endStates = {};
const taskStatuses = {};
for (let i = 0; i < N_LOANS; i++) {
  const out = replay(parsed[i], pack, { asOf: asOfDays[i] });
  timelineEntries += out.timeline.length;
  endStates[out.state] = (endStates[out.state] ?? 0) + 1;
  taskCount += out.tasks.length;
  for (const t of out.tasks) taskStatuses[t.status] = (taskStatuses[t.status] ?? 0) + 1;
}
let timelineEntriesNoTasks = 0;
const endStatesNoTasks = {};
for (let i = 0; i < N_LOANS; i++) {
  const out = replay(parsed[i], packNoTasks, { asOf: asOfDays[i] });
  if (out.tasks.length !== 0) throw new Error('bench: the tasks-off pack raised tasks');
  timelineEntriesNoTasks += out.timeline.length;
  endStatesNoTasks[out.state] = (endStatesNoTasks[out.state] ?? 0) + 1;
}
// Task rules must not change the loan's state: same end states with and without them.
if (JSON.stringify(Object.entries(endStates).sort()) !== JSON.stringify(Object.entries(endStatesNoTasks).sort())) {
  console.error(`bench: end states differ with tasks on ${JSON.stringify(endStates)} and off ${JSON.stringify(endStatesNoTasks)}`);
  process.exit(1);
}

function parseReplayPass() {
  let n = 0;
  for (let i = 0; i < N_LOANS; i++) {
    const h = unwrap(parseHistoryValue(loans[i].history, 'bench.json'));
    n += replay(h, pack, { asOf: asOfDays[i] }).timeline.length;
  }
  return n;
}
function replayPass(p = pack) {
  let n = 0;
  for (let i = 0; i < N_LOANS; i++) n += replay(parsed[i], p, { asOf: asOfDays[i] }).timeline.length;
  return n;
}
const replayNoTasksPass = () => replayPass(packNoTasks);

parseReplayPass(); // warm-up
const parseReplayTiming = timeSync(parseReplayPass);
for (let i = 0; i < 3; i++) replayPass(); // warm-up
const replayTiming = timeSync(() => replayPass());
for (let i = 0; i < 3; i++) replayNoTasksPass(); // warm-up
const replayNoTasksTiming = timeSync(replayNoTasksPass);

const loansPerSec = (t) => (t.rounds * N_LOANS) / t.seconds;
const usPerLoan = (t) => (t.seconds * 1e6) / (t.rounds * N_LOANS);

// ---------------------------------------------------------------------------------------------
// 2b. The full nightly work per loan, in CPU time on this one thread (process.cpuUsage): parse the JSON
// text, validate, replay, render the output JSON and a lean snapshot JSON — what section 1 of scale.mjs
// does on every core — over the generated three-year book (the same generator and as-of date).

const NIGHTLY_LOANS = Number(process.env.BENCH_NIGHTLY_LOANS ?? 2_000);
const NIGHTLY_TARGET_US = 1_000;
const nightlyAsOf = day('2026-06-16');
const nightlyTexts = [...generatePortfolio({ seed: 20_261_123, loans: NIGHTLY_LOANS, asOf: '2026-06-16', years: 3 })].map((h) => JSON.stringify(h));
function nightlyPass(texts) {
  let bytes = 0;
  for (const text of texts) {
    const history = unwrap(parseHistoryValue(JSON.parse(text), 'book.jsonl'));
    const { output, snapshot } = replayWithSnapshot(history, pack, { asOf: nightlyAsOf, lean: true });
    bytes += JSON.stringify(output).length + JSON.stringify(snapshot).length;
  }
  return bytes;
}
nightlyPass(nightlyTexts.slice(0, 300)); // warm-up
const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const nightlyWall0 = now();
const nightlyCpu0 = cpuMicros();
nightlyPass(nightlyTexts);
const nightlyCpuUs = (cpuMicros() - nightlyCpu0) / NIGHTLY_LOANS;
const nightlyWallUs = nsToS(now() - nightlyWall0) * 1e6 / NIGHTLY_LOANS;
// The part of it that is the caller's JSON, not the library's: JSON.parse of the history text and
// JSON.stringify of the output and snapshot, timed alone over the first loans' ready-made results (the
// output is ≈ 60 KB a loan, so this part has a floor no change to the library lowers).
const JSON_LOANS = Math.min(NIGHTLY_LOANS, 500);
const ready = nightlyTexts.slice(0, JSON_LOANS).map((text) => replayWithSnapshot(unwrap(parseHistoryValue(JSON.parse(text), 'book.jsonl')), pack, { asOf: nightlyAsOf, lean: true }));
function jsonPass() {
  let n = 0;
  for (let i = 0; i < JSON_LOANS; i++) {
    n += JSON.parse(nightlyTexts[i]).events.length;
    n += JSON.stringify(ready[i].output).length + JSON.stringify(ready[i].snapshot).length;
  }
  return n;
}
jsonPass(); // warm-up
const jsonCpu0 = cpuMicros();
for (let r = 0; r < 3; r++) jsonPass();
const nightlyJsonUs = (cpuMicros() - jsonCpu0) / (3 * JSON_LOANS);

// ---------------------------------------------------------------------------------------------
// 3. Report

const cpus = os.cpus();
const results = {
  date: new Date().toISOString(),
  machine: { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, node: process.version, platform: `${process.platform}-${process.arch}`, loadAverage1m: Number(os.loadavg()[0].toFixed(2)), sha256: NATIVE_SHA256 ? 'node:crypto' : 'built-in' },
  pack: { id: pack.id, version: pack.version, rules: pack.rules.length, taskRules: pack.rulesByType.task.length, rulesWithoutTasks: packNoTasks.rules.length },
  rules: {
    factSets: N_FACT_SETS,
    seed: SEED,
    agreement: 'identical fired rule ids on every fact set',
    avgRulesFired: firedTotal / N_FACT_SETS,
    compiled: { evaluationsPerSecond: Math.round(compiledPerSec), rounds: compiledTiming.rounds, seconds: compiledTiming.seconds },
    jsonRulesEngine: { evaluationsPerSecond: Math.round(referencePerSec), rounds: referenceTiming.rounds, seconds: referenceTiming.seconds },
    ratio: Number(ratio.toFixed(1)),
    ratioTarget: RATIO_TARGET,
    meetsTarget: ratio >= RATIO_TARGET,
  },
  handWritten: {
    rules: handPack.rules.length,
    files: handPack.rules.map((r) => r.file).filter((f, i, a) => a.indexOf(f) === i),
    agreement: 'identical fired rule ids, in pack order, on every fact set',
    compiled: { evaluationsPerSecond: Math.round(handCompiledPerSec) },
    handWritten: { evaluationsPerSecond: Math.round(handWrittenPerSec) },
    compiledTimesSlower: Number(handRatio.toFixed(2)),
    target: HAND_TARGET,
    meetsTarget: handRatio <= HAND_TARGET,
  },
  nightly: { loans: NIGHTLY_LOANS, years: 3, cpuMicrosecondsPerLoan: Math.round(nightlyCpuUs), wallMicrosecondsPerLoan: Math.round(nightlyWallUs), callersJsonCpuMicrosecondsPerLoan: Math.round(nightlyJsonUs), target: NIGHTLY_TARGET_US, meetsTarget: nightlyCpuUs <= NIGHTLY_TARGET_US },
  replay: {
    loans: N_LOANS,
    termMonths: TERM,
    avgTimelineEntries: timelineEntries / N_LOANS,
    endStates,
    parseAndReplay: { loansPerSecond: Math.round(loansPerSec(parseReplayTiming)), microsecondsPerLoan: Number(usPerLoan(parseReplayTiming).toFixed(2)), rounds: parseReplayTiming.rounds, seconds: parseReplayTiming.seconds },
    replayOnly: { loansPerSecond: Math.round(loansPerSec(replayTiming)), microsecondsPerLoan: Number(usPerLoan(replayTiming).toFixed(2)), rounds: replayTiming.rounds, seconds: replayTiming.seconds },
    avgTasksPerLoan: taskCount / N_LOANS,
    taskStatuses,
    tasksOff: {
      rules: packNoTasks.rules.length,
      avgTimelineEntries: timelineEntriesNoTasks / N_LOANS,
      replayOnly: { loansPerSecond: Math.round(loansPerSec(replayNoTasksTiming)), microsecondsPerLoan: Number(usPerLoan(replayNoTasksTiming).toFixed(2)), rounds: replayNoTasksTiming.rounds, seconds: replayNoTasksTiming.seconds },
    },
  },
};

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rows = [
  [`Rules (cn-default, ${pack.rules.length} rules, ${fmt(N_FACT_SETS)} fact sets, identical fired ids on all)`, '', ''],
  ['  compiled firedRules', `${fmt(compiledPerSec)} eval/s`, ''],
  ['  json-rules-engine', `${fmt(referencePerSec)} eval/s`, ''],
  ['  ratio', `${fmt(ratio, 1)}×`, `${ratio >= RATIO_TARGET ? '✔' : '✘'} target ≥ ${RATIO_TARGET}×`],
  [`Compiled vs hand-written (buckets + classification, ${handPack.rules.length} rules, ${fmt(N_FACT_SETS)} fact sets, identical fired ids on all)`, '', ''],
  ['  compiled firedRules', `${fmt(handCompiledPerSec)} eval/s`, ''],
  ['  hand-written JavaScript', `${fmt(handWrittenPerSec)} eval/s`, ''],
  ['  compiled time / hand-written time', `${fmt(handRatio, 2)}×`, `${handRatio <= HAND_TARGET ? '✔' : '✘'} target ≤ ${HAND_TARGET}×`],
  [`Nightly work per loan (${fmt(NIGHTLY_LOANS)} generated three-year loans, 1 thread: parse, validate, replay, output and lean snapshot JSON)`, '', ''],
  ['  CPU time', `${fmt(nightlyCpuUs)} µs/loan`, `${nightlyCpuUs <= NIGHTLY_TARGET_US ? '✔' : '✘'} target ≤ ${fmt(NIGHTLY_TARGET_US)} µs (wall ${fmt(nightlyWallUs)} µs)`],
  ["  of which the caller's JSON.parse/stringify", `${fmt(nightlyJsonUs)} µs/loan`, `${fmt((100 * nightlyJsonUs) / nightlyCpuUs)} % (timed alone on ${fmt(JSON_LOANS)} loans); the library ${fmt(nightlyCpuUs - nightlyJsonUs)} µs`],
  [`Replay (${fmt(N_LOANS)} loans × ${TERM} months, 1 thread)`, '', ''],
  ['  parse + replay', `${fmt(loansPerSec(parseReplayTiming))} loans/s`, `${fmt(usPerLoan(parseReplayTiming), 1)} µs/loan`],
  ['  replay only, tasks on', `${fmt(loansPerSec(replayTiming))} loans/s`, `${fmt(usPerLoan(replayTiming), 1)} µs/loan (${pack.rules.length} rules, ${pack.rulesByType.task.length} of them task rules)`],
  ['  replay only, tasks off', `${fmt(loansPerSec(replayNoTasksTiming))} loans/s`, `${fmt(usPerLoan(replayNoTasksTiming), 1)} µs/loan (${packNoTasks.rules.length} rules)`],
  ['  avg tasks per loan (on)', fmt(taskCount / N_LOANS, 1), Object.entries(taskStatuses).map(([s, n]) => `${s} ${n}`).join(', ')],
  ['  avg timeline entries', `${fmt(timelineEntries / N_LOANS, 1)} / ${fmt(timelineEntriesNoTasks / N_LOANS, 1)}`, `tasks on / off; end states ${Object.entries(endStates).map(([s, n]) => `${s} ${n}`).join(', ')}`],
];
const body = rows.filter((r) => r[1] !== '');
const w0 = Math.max(...body.map((r) => r[0].length));
const w1 = Math.max(...body.map((r) => r[1].length));
console.log(`postloan bench — ${results.machine.cpu} (${results.machine.cores} cores), node ${process.version}, ${results.machine.loadAverage1m} load (1 min), SHA-256 ${results.machine.sha256}`);
for (const [a, b, c] of rows) console.log(b === '' ? a : `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd());

const outFile = fileURLToPath(new URL('./results.local.json', import.meta.url));
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`figures written to bench/results.local.json`);
