// How `postloan validate` (loadPack + lintPack) scales with the rule count. Generates packs of the
// default pack's files plus N generated rules, a mix like real policy: bucket, classification-floor,
// risk-level, management-mode and segment rules over DPD, balance, classification and state ranges,
// and task rules. Run with `npm run build && node bench/validateScale.mjs [1000 3000 6000]`.
// Imports only the built package; prints one line per size.
import { performance } from 'node:perf_hooks';
const { cnDefaultPackFiles, validatePack } = await import(process.env.POSTLOAN_DIST ?? '../dist/index.js');

const STATES = ['normal', 'overdueM1', 'overdueM2M3', 'outsourced', 'litigation'];
const CLASSES = ['pass', 'specialMention', 'substandard', 'doubtful', 'loss'];
const BUCKETS = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+'];

/** A seeded PRNG (mulberry32), so every run generates the same pack. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * BENCH_SHAPE=tiled: bucket and segment rules on DPD and state only, the first tenth tiling DPD in
 * 5-day pieces, the rest wider ranges shadowed by several of those pieces together (the costly case
 * of the shadowing check: no single rule above covers them).
 */
function tiledRule(i, n) {
  const tiles = Math.ceil(n / 10);
  const lo = i < tiles ? i * 5 : ((i * 37) % (tiles * 5 - 40));
  const hi = i < tiles ? lo + 4 : lo + 20 + (i % 20);
  const type = i % 2 === 0 ? { type: 'bucket', params: { bucket: BUCKETS[i % BUCKETS.length] } } : { type: 'segment', params: { segment: ['ableWilling', 'ableUnwilling', 'unableWilling'][i % 3] } };
  return {
    id: `gen-${i}`,
    name: i % 2 === 0 ? 'P-LC-2' : 'P-CS-1',
    priority: i < tiles ? 100 : 1,
    conditions: { all: [{ fact: 'dpd', operator: 'greaterThanInclusive', value: lo }, { fact: 'dpd', operator: 'lessThanInclusive', value: hi }, { fact: 'state', operator: 'in', value: STATES }] },
    event: type,
  };
}

function rule(i, random) {
  const lo = Math.floor(random() * 400);
  const hi = lo + 1 + Math.floor(random() * 60);
  const dpd = [
    { fact: 'dpd', operator: 'greaterThanInclusive', value: lo },
    { fact: 'dpd', operator: 'lessThanInclusive', value: hi },
  ];
  const extra = [
    { fact: 'state', operator: 'in', value: [STATES[i % STATES.length], STATES[(i + 2) % STATES.length]] },
    { fact: 'classification', operator: 'notEqual', value: CLASSES[i % CLASSES.length] },
  ];
  const kind = i % 6;
  const base = { id: `gen-${i}`, name: 'P-LC-2', priority: 1 + (i % 50) };
  if (kind === 0) return { ...base, conditions: { all: dpd }, event: { type: 'bucket', params: { bucket: BUCKETS[i % BUCKETS.length] } } };
  if (kind === 1) return { ...base, name: 'P-CL-2', conditions: { all: [...dpd, extra[0]] }, event: { type: 'classificationFloor', params: { classification: CLASSES[i % CLASSES.length] } } };
  if (kind === 2) return { ...base, name: 'P-EW-2', conditions: { any: [dpd[0], extra[1]] }, event: { type: 'riskLevel', params: { level: ['low', 'medium', 'high'][i % 3] } } };
  if (kind === 3) return { ...base, name: 'P-CS-1', conditions: { all: [...dpd, extra[0], extra[1]] }, event: { type: 'segment', params: { segment: ['ableWilling', 'ableUnwilling', 'unableWilling'][i % 3] } } };
  if (kind === 4) return { ...base, name: 'P-EW-2', conditions: { all: [dpd[1], extra[0]] }, event: { type: 'managementMode', params: { mode: ['regular', 'key'][i % 2] } } };
  return { ...base, name: 'P-IN-1', conditions: { all: [dpd[0], extra[0]] }, event: { type: 'task', params: { kind: 'disbursementCallback', party: 'borrower', anchor: 'disbursement', due: { days: 7 + (i % 20) } } } };
}

function packWith(n) {
  const random = prng(n);
  const files = { ...cnDefaultPackFiles };
  const manifest = structuredClone(files['pack.json']);
  const per = 1000; // the schema's limit of rules per file
  for (let f = 0; f * per < n; f++) {
    const name = `generated-${f}.json`;
    manifest.rules.push(name);
    files[name] = { rules: Array.from({ length: Math.min(per, n - f * per) }, (_, k) => (process.env.BENCH_SHAPE === 'tiled' ? tiledRule(f * per + k, n) : rule(f * per + k, random))) };
  }
  files['pack.json'] = manifest;
  return files;
}

// Warm up (module load, JIT) on the default pack, so the first size is not charged for it.
validatePack(cnDefaultPackFiles, { dir: "warm-up/" });
const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length > 0 ? sizes : [1000, 3000, 6000]) {
  const files = packWith(n);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const findings = validatePack(files, { dir: 'generated/' });
  const cpu = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  const byCode = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  // CPU time as well as wall time: on a shared machine the wall time says more about the neighbours.
  console.log(`${n} rules: ${(ms / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU, ${findings.length} findings ${JSON.stringify(byCode)}`);
}
