// A host program that extends postloan without forking it:
// - a custom operator (`startsWith`), registered in code and required by the pack (pack.json "requires");
// - a loan with its own attributes (product, dealer) and currency (HKD), read by the pack's rules;
// - observation events (a bureau score), read by the rules as the latest value;
// - a lifecycle state of its own, mediation (调解) between outsourced and litigation: the pack's
//   statechart.json and mediation.json, no code (mediation-loan.json goes outsourced → mediation → litigation).
//
//   npx esbuild examples/extending/host.ts --bundle --platform=node --format=esm --outfile=host.mjs && node host.mjs
//
// (tests/examples/extendingHost.test.ts builds and runs it the same way.) It prints the replay's
// decisions on 2026-03-15 and the mediation loan's moves up to 2025-08-01 as JSON.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { day, formatIssues, parseHistory, replay, type History, type HostOperators } from 'postloan';
import { loadPackDir } from 'postloan/node';

const here = process.env['POSTLOAN_EXAMPLE_DIR'] ?? dirname(fileURLToPath(import.meta.url));

// Operators must be pure and synchronous: replays call them many times and must stay deterministic.
const operators: HostOperators = {
  startsWith: (factValue, value) => typeof factValue === 'string' && typeof value === 'string' && factValue.startsWith(value),
};

const pack = loadPackDir(join(here, 'dealer-pack'), { operators });
if (!pack.ok) {
  console.error(formatIssues(pack.issues));
  process.exit(1);
}
function historyOf(name: string): History {
  const file = join(here, name);
  const history = parseHistory(readFileSync(file, 'utf8'), file);
  if (!history.ok) {
    console.error(formatIssues(history.issues));
    process.exit(1);
  }
  return history.value;
}
const out = replay(historyOf('loan.json'), pack.value, { asOf: day('2026-03-15') });
const { loanId, currency, managementMode, riskLevel } = out;
const observations = out.timeline.flatMap((e) => (e.kind === 'observationRecorded' ? [{ on: e.on, name: e.name, value: e.value }] : []));
const decided = out.timeline.flatMap((e) => (e.kind === 'managementModeChanged' || e.kind === 'riskLevelChanged' ? [{ on: e.on, kind: e.kind, to: e.to, rules: e.rules, inputs: e.inputs }] : []));
// The state the pack added: entered and left by the pack's rules and the statechart, never named in code.
const mediated = replay(historyOf('mediation-loan.json'), pack.value, { asOf: day('2025-08-01') });
const moves = mediated.timeline.flatMap((e) => (e.kind === 'stateChanged' ? [{ on: e.on, from: e.from, to: e.to, by: e.rules?.[0] ?? e.eventId }] : []));
const mediation = { loanId: mediated.loanId, state: mediated.state, moves, agencyRecalled: mediated.timeline.some((e) => e.kind === 'agencyRecalled') };
console.log(JSON.stringify({ loanId, currency, managementMode, riskLevel, observations, decided, mediation }, null, 2));
