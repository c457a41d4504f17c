import { PostloanError, fail, unwrap, type Result } from '../errors/PostloanError';
import { readPackDir } from './readPackDir';
import { loadPack, type CompiledPack, type LoadPackOptions } from '../rules/loadPack';

/**
 * Reads a pack directory from disk (its `pack.json`, the files it names and, through `"extends"`, the
 * packs it builds on) and loads it with {@link loadPack}. A file that cannot be read is reported as a
 * `cli.io` issue naming it, never thrown; every validation problem of every file is reported at once.
 * Node-only: import it from `postloan/node`.
 *
 * @example
 * ```ts
 * import { loadPackDir } from 'postloan/node';
 * const r = loadPackDir('rules/my-pack');
 * if (!r.ok) console.error(formatIssues(r.issues));
 * // A pack that requires a custom operator ("requires": { "operators": ["startsWith"] }):
 * loadPackDir('rules/dealer-pack', { operators: { startsWith: (f, v) => typeof f === 'string' && f.startsWith(String(v)) } });
 * ```
 */
export function loadPackDir(dir: string, options: Pick<LoadPackOptions, 'operators'> = {}): Result<CompiledPack> {
  let files;
  try {
    files = readPackDir(dir);
  } catch (e) {
    if (e instanceof PostloanError) return fail(e.issues);
    throw e;
  }
  // loadPack names files relative to the working directory, as the CLI does.
  return loadPack(files, { ...options, dir: `${dir.replace(/\/+$/, '')}/` });
}

/**
 * {@link loadPackDir} that throws a {@link PostloanError} carrying every issue instead of returning them.
 *
 * @example
 * ```ts
 * import { loadPackDirOrThrow } from 'postloan/node';
 * const pack = loadPackDirOrThrow('rules/my-pack');
 * ```
 */
export function loadPackDirOrThrow(dir: string, options: Pick<LoadPackOptions, 'operators'> = {}): CompiledPack {
  return unwrap(loadPackDir(dir, options));
}
