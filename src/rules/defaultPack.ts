import { unwrap } from '../errors/PostloanError';
import buckets from '../../rules/cn-default/buckets.json';
import classification from '../../rules/cn-default/classification.json';
import lifecycle from '../../rules/cn-default/lifecycle.json';
import manifest from '../../rules/cn-default/pack.json';
import management from '../../rules/cn-default/management.json';
import permits from '../../rules/cn-default/permits.json';
import collection from '../../rules/cn-default/collection.json';
import collateral from '../../rules/cn-default/collateral.json';
import inspections from '../../rules/cn-default/inspections.json';
import notices from '../../rules/cn-default/notices.json';
import lifecycleTasks from '../../rules/cn-default/lifecycle-tasks.json';
import taskKinds from '../../rules/cn-default/task-kinds.json';
import { loadPack, type CompiledPack, type PackFiles } from './loadPack';

/** The files of the built-in `cn-default` pack (`rules/cn-default/`), embedded at build time. */
export const cnDefaultPackFiles: PackFiles = {
  'pack.json': manifest,
  'lifecycle.json': lifecycle,
  'buckets.json': buckets,
  'classification.json': classification,
  'management.json': management,
  'permits.json': permits,
  'collection.json': collection,
  'collateral.json': collateral,
  'inspections.json': inspections,
  'notices.json': notices,
  'lifecycle-tasks.json': lifecycleTasks,
  'task-kinds.json': taskKinds,
};

let compiled: CompiledPack | undefined;

/**
 * The built-in `cn-default` pack, loaded and compiled once per process.
 *
 * @example
 * ```ts
 * const out = replay(history, cnDefaultPack(), { asOf: day('2026-04-20') });
 * ```
 */
export function cnDefaultPack(): CompiledPack {
  compiled ??= unwrap(loadPack(cnDefaultPackFiles, { dir: 'rules/cn-default/' }));
  return compiled;
}
