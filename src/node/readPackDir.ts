import { readPackDir as readPackFiles } from '../cli/files';
import type { PackFiles } from '../rules/loadPack';

/**
 * Reads a pack directory as text, without validating it: `pack.json`, the rule, task and calendar
 * files it names and, when it `"extends"` another pack, that pack's files keyed by their path relative
 * to `dir` (`../cn-default/buckets.json`), up the chain. Pass the result to `loadPack` (or use
 * {@link loadPackDir}, which does both). Throws a `PostloanError` (`cli.io`) when `pack.json` cannot be
 * read. Node-only: import it from `postloan/node`.
 *
 * @example
 * ```ts
 * import { loadPack } from 'postloan';
 * import { readPackDir } from 'postloan/node';
 * const r = loadPack(readPackDir('rules/my-pack'), { dir: 'rules/my-pack/' });
 * ```
 */
export function readPackDir(dir: string): PackFiles {
  // The CLI reads packs the same way; one implementation, so both report the same files.
  return readPackFiles(dir);
}
