// Packs the benchmarks share, built from the built package's copy of cn-default.
import { cnDefaultPackFiles, loadPack, unwrap } from '../dist/index.js';

/**
 * cn-default with its task rules and task kinds taken out: every state decision (transitions, buckets,
 * classification floors, risk level, management mode, permits, segments) and nothing else. The fast
 * engine and the naive way run this same pack, so they do the same work.
 */
export function statePack() {
  const { tasks: _kinds, ...manifest } = cnDefaultPackFiles['pack.json'];
  const files = { 'pack.json': manifest };
  for (const name of manifest.rules) {
    const file = cnDefaultPackFiles[name];
    files[name] = { ...file, rules: file.rules.filter((r) => r.event?.type !== 'task') };
  }
  const pack = unwrap(loadPack(files, { dir: 'rules/cn-default/' }));
  if (pack.rulesByType.task.length !== 0) throw new Error('bench: the state pack still has task rules');
  return pack;
}
