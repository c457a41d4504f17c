// Worker thread of bench/scale.mjs: holds one slice of the synthetic book and does, on request, the work
// a lender's nightly batch does with it. Imports only the built package (and the naive way's module, bench/naiveWay.mjs).
import { hash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import {
  advance,
  cnDefaultPack,
  day,
  generatePortfolio,
  parseHistoryValue,
  replay,
  replayWithSnapshot,
  restoreSnapshot,
  resumeReplay,
  snapshotText,
  unwrap,
  useHostSha256,
} from '../dist/index.js';
import { statePack } from './packs.mjs';

const { first, count, seed, asOf, years, nativeSha256 } = workerData;
// As postloan's CLI and store do (useNodeSha256): Node's SHA-256 for timeline ids and snapshot checksums.
if (nativeSha256) useHostSha256((bytes) => hash('sha256', bytes, 'hex'));
const pack = cnDefaultPack();
const port = parentPort;

/**
 * This thread's own CPU time and the time it waited for a core, in seconds, from Linux's
 * /proc/thread-self/schedstat (nanoseconds on a CPU, nanoseconds runnable but waiting); undefined
 * elsewhere. A thread's wall time counts the time other processes held the shared cores; its CPU time
 * does not.
 */
function threadTimes() {
  try {
    const [onCpu, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(onCpu) && Number.isFinite(waiting) ? { cpu: onCpu / 1e9, wait: waiting / 1e9 } : undefined;
  } catch {
    return undefined;
  }
}

/** What a timed part took on this thread since `start` (performance.now() and threadTimes() taken together). */
function timedSince(start) {
  const end = threadTimes();
  return {
    seconds: (performance.now() - start.at) / 1000,
    cpuSeconds: end === undefined || start.times === undefined ? null : end.cpu - start.times.cpu,
    waitSeconds: end === undefined || start.times === undefined ? null : end.wait - start.times.wait,
  };
}

const startTiming = () => ({ times: threadTimes(), at: performance.now() });

/** The slice's histories as JSON text, as a batch reads them. */
let texts = [];

/**
 * Appends strings to a file in large writes: each string is encoded straight into one reused buffer
 * (no joined string, no second pass to count its bytes); returns each string's byte offset and length.
 */
class Appender {
  constructor(path) {
    this.fd = openSync(path, 'w');
    this.offset = 0;
    this.buffer = Buffer.allocUnsafe(1 << 22);
    this.used = 0;
  }
  /** Appends `text` and a newline; returns where the line starts and its length, newline included. */
  line(text) {
    // A UTF-8 string takes at most 3 bytes per UTF-16 unit; flush first unless it surely fits.
    const most = text.length * 3 + 1;
    if (this.used + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(most);
    }
    const length = this.buffer.write(text, this.used, 'utf8') + 1;
    this.buffer[this.used + length - 1] = 0x0a;
    const at = this.offset;
    this.used += length;
    this.offset += length;
    return [at, length];
  }
  flush() {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buffer, done, this.used - done);
    this.used = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

const handlers = {
  /** Answers once the package is loaded and the pack compiled (at this module's start). */
  ready() {
    return {};
  },

  /** Generates the slice (untimed by the caller). */
  prepare() {
    texts = [];
    let bytes = 0;
    for (const h of generatePortfolio({ seed, loans: count, asOf, years, firstLoan: first })) {
      const t = JSON.stringify(h);
      bytes += t.length;
      texts.push(t);
    }
    return { loans: texts.length, bytes };
  },

  /** Writes the slice as a JSONL file, for `postloan batch`. */
  writeBook({ path }) {
    const out = new Appender(path);
    for (const t of texts) out.line(t);
    out.close();
    return {};
  },

  /**
   * Section 1: parse, validate and replay every history to the as-of date, render its output as JSON and
   * persist a lean snapshot (appended to `path`). Returns the index rows: [loanId, nextReviewOn, offset, length].
   */
  replay({ path }) {
    const to = day(asOf);
    const out = new Appender(path);
    const rows = [];
    let outputBytes = 0;
    let timeline = 0;
    let tasks = 0;
    const states = {};
    const start = startTiming();
    for (const text of texts) {
      const history = unwrap(parseHistoryValue(JSON.parse(text), 'book.jsonl'));
      const { output, snapshot } = replayWithSnapshot(history, pack, { asOf: to, lean: true });
      outputBytes += JSON.stringify(output).length;
      const [offset, length] = out.line(snapshotText(snapshot));
      rows.push([snapshot.loanId, snapshot.nextReviewOn, offset, length]);
      timeline += output.timeline.length;
      tasks += output.tasks.length;
      states[output.state] = (states[output.state] ?? 0) + 1;
    }
    out.close();
    return { ...timedSince(start), rows, outputBytes, timeline, tasks, states };
  },

  /**
   * Section 2, the timed end-of-day step for this worker's due loans, as a store does it: read each stored
   * snapshot's text, advance the rows to `to` (chunks through the library's `advance`, which restores each
   * from its text with the checksum checked, and resumes it), and write the new snapshot's text and the
   * day's output. Rows: [bookId, nextReviewOn, snapshotOffset, snapshotLength]; returns
   * [bookId, nextReviewOn, offset, length].
   */
  advance({ snapshots, rows, to, snapshotsOut, outputsOut }) {
    const start = startTiming();
    const toDay = day(to);
    const fd = openSync(snapshots, 'r');
    const snapOut = new Appender(snapshotsOut);
    const outOut = new Appender(outputsOut);
    const updated = [];
    let buffer = Buffer.alloc(1 << 16);
    const CHUNK = 256;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      // The rows as a store keeps them: the book's id and review day beside the snapshot text.
      const book = part.map(([bookId, nextReviewOn, offset, length]) => {
        if (buffer.length < length) buffer = Buffer.alloc(length * 2);
        readSync(fd, buffer, 0, length, offset);
        return { loanId: bookId, nextReviewOn, text: buffer.toString('utf8', 0, length) };
      });
      // The bench's own files, as a store's rows: restored trusted (checksum checked, state not re-validated).
      const r = advance(book, pack, toDay, new Map(), { trusted: true });
      // advance is fail-soft per loan; a bench run with a failed loan measures nothing.
      if (r.failures.size > 0) throw new Error(`advance failed for ${[...r.failures.keys()].join(', ')}: ${JSON.stringify([...r.failures.values()][0])}`);
      r.snapshots.forEach((s, j) => {
        const [bookId] = part[j];
        if (s === book[j]) throw new Error(`advance did not touch ${bookId}`);
        const [offset, length] = snapOut.line(snapshotText(s));
        outOut.line(JSON.stringify(r.outputs.get(bookId)));
        updated.push([bookId, s.nextReviewOn, offset, length]);
      });
    }
    closeSync(fd);
    snapOut.close();
    outOut.close();
    return { ...timedSince(start), updated };
  },

  /**
   * Checks (untimed) that advanced snapshots match a fresh replay of their history to `to`: every field
   * but the timeline and tasks (which a lean snapshot's output starts at its date) byte for byte.
   */
  verify({ path, rows, to }) {
    const byId = new Map();
    for (const t of texts) byId.set(JSON.parse(t).loan.id, t);
    const fd = openSync(path, 'r');
    let checked = 0;
    const mismatches = [];
    for (const [offset, length] of rows) {
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, offset);
      const snapshot = JSON.parse(buffer.toString('utf8'));
      const history = unwrap(parseHistoryValue(JSON.parse(byId.get(snapshot.loanId)), 'book.jsonl'));
      const resumed = resumeReplay(unwrap(restoreSnapshot(snapshot, pack)), pack, [], { asOf: day(to) }).output;
      const whole = replay(history, pack, { asOf: day(to) });
      const strip = ({ timeline: _t, tasks: _k, continues: _c, ...rest }) => JSON.stringify(rest);
      if (strip(resumed) !== strip(whole) || JSON.stringify(resumed.timeline) !== JSON.stringify(whole.timeline.slice(resumed.continues.timelineEntriesBefore))) mismatches.push(snapshot.loanId);
      checked++;
    }
    closeSync(fd);
    return { checked, mismatches };
  },

  /**
   * Section 4: the first `loans` histories of the slice the fast way (replay, tasks-off pack) and the naive
   * way (json-rules-engine engine.run per evaluation, an XState actor per loan, a tick per day), each timed,
   * and their results compared.
   */
  async naive({ loans }) {
    // Loaded here: only this section needs it.
    const { naiveEngine, naiveReplay } = await import('./naiveWay.mjs');
    const lean = statePack();
    const engine = naiveEngine(lean);
    const to = day(asOf);
    const histories = texts.slice(0, loans).map((t) => unwrap(parseHistoryValue(JSON.parse(t), 'book.jsonl')));
    const fastStart = startTiming();
    const fast = histories.map((h) => replay(h, lean, { asOf: to }));
    const fastTime = timedSince(fastStart);
    const slowStart = startTiming();
    const slow = [];
    let days = 0;
    let runs = 0;
    for (const h of histories) {
      const r = await naiveReplay(h, lean, to, engine);
      days += r.days;
      runs += r.runs;
      slow.push(r);
    }
    const slowTime = timedSince(slowStart);
    // Thread CPU time where the system tells it (it leaves out other processes on the shared cores), else thread time.
    const fastSeconds = fastTime.cpuSeconds ?? fastTime.seconds;
    const naiveSeconds = slowTime.cpuSeconds ?? slowTime.seconds;
    const fields = ['state', 'bucket', 'classification', 'riskLevel', 'managementMode'];
    const mismatches = [];
    fast.forEach((f, i) => {
      const s = slow[i];
      if (fields.some((k) => f[k] !== s[k])) mismatches.push({ loanId: f.loanId, fast: Object.fromEntries(fields.map((k) => [k, f[k]])), naive: Object.fromEntries(fields.map((k) => [k, s[k]])) });
    });
    return { loans: histories.length, fastSeconds, naiveSeconds, cpuTime: fastTime.cpuSeconds !== null, days, runs, mismatches: mismatches.slice(0, 5), mismatchCount: mismatches.length };
  },
};

port.on('message', async ({ id, cmd, args }) => {
  try {
    port.postMessage({ id, ok: true, value: await handlers[cmd](args ?? {}) });
  } catch (e) {
    port.postMessage({ id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
