// The bucket and classification-floor rules of cn-default (buckets.json and classification.json, 15 rules)
// written by hand in plain JavaScript, as a developer would without a rule engine: the yardstick the
// compiled rules are measured against in rules.mjs (same fact sets, same fired rules, in pack order).
import { cnDefaultPackFiles, loadPack, unwrap } from '../dist/index.js';

/** The files of cn-default these rules come from. */
export const HAND_WRITTEN_FILES = ['buckets.json', 'classification.json'];

/** cn-default reduced to the rule files the hand-written function covers. */
export function handWrittenPack() {
  const manifest = { ...cnDefaultPackFiles['pack.json'], rules: HAND_WRITTEN_FILES };
  const files = { 'pack.json': manifest, 'task-kinds.json': cnDefaultPackFiles['task-kinds.json'] };
  for (const name of HAND_WRITTEN_FILES) files[name] = cnDefaultPackFiles[name];
  return unwrap(loadPack(files, { dir: 'rules/cn-default/' }));
}

/** Ids of the rules that hold for `f`, in the pack's order. */
export function handWrittenRules(f) {
  const out = [];
  const dpd = f.dpd;
  if (dpd === 0) out.push('bucket-M0');
  if (dpd >= 1 && dpd <= 30) out.push('bucket-M1');
  if (dpd >= 31 && dpd <= 60) out.push('bucket-M2');
  if (dpd >= 61 && dpd <= 90) out.push('bucket-M3');
  if (dpd >= 91 && dpd <= 120) out.push('bucket-M4');
  if (dpd >= 121 && dpd <= 150) out.push('bucket-M5');
  if (dpd >= 151 && dpd <= 180) out.push('bucket-M6');
  if (dpd >= 181) out.push('bucket-M6plus');
  if (dpd >= 1) out.push('floor-special-mention');
  if (dpd > 90) out.push('floor-substandard');
  if (dpd > 270) out.push('floor-doubtful');
  if (dpd > 360) out.push('floor-loss');
  if (f.restructured === true && f.inObservation === true) out.push('floor-restructured');
  if (f.restructuredWhileNonPerforming === true && f.inObservation === true) out.push('floor-restructured-non-performing');
  if (f.materialEventOpen === true) out.push('floor-material-event');
  return out;
}
