import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PostloanError } from '../errors/PostloanError';
import { parseJson } from '../errors/parseJson';
import { extendedPrefix, extendsProblem, MAX_EXTENDS_DEPTH } from '../rules/extendPack';
import type { PackFiles } from '../rules/loadPack';
import { readInputText } from './inputFile';
import { cliText } from './cliMessages';
import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';

/**
 * Reads a UTF-8 text file (or `-`, standard input) through the bounded reader: regular files only, at
 * most 20 MiB, UTF-8 checked. Failures are user errors naming the file.
 */
export function readText(path: string): string {
  return readInputText(path);
}

/**
 * A pack file must be a regular file inside its pack directory: a symbolic link that resolves outside
 * it (`lifecycle.json -> /etc/passwd`), a directory, a FIFO or a device is refused before it is read,
 * so no file outside the pack is ever read or echoed. A link to another file of the pack is allowed.
 */
function checkPackFile(packDir: string, path: string): void {
  let link: boolean;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    return; // Missing: reported by loadPack with the JSON path that names it.
  }
  const refuse = (t: IssueText): never => {
    throw new PostloanError([issueFrom({ code: 'cli.io', file: path, path: '' }, t)]);
  };
  if (link) {
    let target: string;
    let root: string;
    try {
      target = realpathSync(path);
      root = realpathSync(packDir);
    } catch {
      return refuse(cliText.danglingLink(path));
    }
    const rel = relative(root, target);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      refuse(cliText.linkOutside(path));
    }
  }
  let regular: boolean;
  try {
    regular = statSync(path).isFile();
  } catch {
    return;
  }
  if (!regular) refuse(cliText.packFileNotRegular(path));
}

/** The files of one pack directory its pack.json names (rule files, tasks, statechart, calendar), read into `files` under `prefix`. */
function readPackFiles(dir: string, prefix: string, manifest: unknown, files: Record<string, string>): void {
  const m = manifest as { rules?: unknown; calendar?: unknown; tasks?: unknown; statechart?: unknown };
  const names: string[] = [];
  if (typeof m.tasks === 'string') names.push(m.tasks);
  if (typeof m.statechart === 'string') names.push(m.statechart);
  if (Array.isArray(m.rules)) names.push(...m.rules.filter((r): r is string => typeof r === 'string'));
  if (m.calendar !== null && typeof m.calendar === 'object' && typeof (m.calendar as { file?: unknown }).file === 'string') {
    names.push((m.calendar as { file: string }).file);
  }
  for (const name of names) {
    // Only plain file names inside the pack directory; the schema refuses anything else with a message.
    if (!/^[\w.-]+\.json$/.test(name)) continue;
    checkPackFile(join(dir, prefix), join(dir, prefix, name));
    try {
      files[`${prefix}${name}`] = readText(join(dir, prefix, name));
    } catch (e) {
      // Missing files are reported by loadPack with the JSON path that names them; a file that exists
      // but cannot be read (too large, no permission) is reported as it is.
      if (existsSync(join(dir, prefix, name))) throw e;
    }
  }
}

/**
 * Reads a pack directory: `pack.json`, the rule files it lists and its calendar file, as text; and,
 * when it `"extends"` another pack, that pack's files too, keyed by their path relative to `dir`
 * (`../cn-default/buckets.json`), up the chain. Files the manifests do not name are not read.
 * Validation, and reporting a missing or cyclic chain, happen in `loadPack`.
 */
export function readPackDir(dir: string): PackFiles {
  const manifestPath = join(dir, 'pack.json');
  checkPackFile(dir, manifestPath);
  const text = readText(manifestPath);
  const files: Record<string, string> = { 'pack.json': text };
  let prefix = '';
  let manifestText = text;
  const seen = new Set([resolve(dir)]);
  for (let depth = 0; ; depth++) {
    const parsed = parseJson(manifestText, join(dir, prefix, 'pack.json'));
    if (!parsed.ok) return files;
    readPackFiles(dir, prefix, parsed.value, files);
    const value = (parsed.value as { extends?: unknown } | null)?.extends;
    if (depth >= MAX_EXTENDS_DEPTH || typeof value !== 'string' || extendsProblem(value) !== undefined) return files;
    prefix = extendedPrefix(prefix, value);
    const next = resolve(dir, prefix);
    if (seen.has(next)) return files;
    seen.add(next);
    const path = join(dir, prefix, 'pack.json');
    if (!existsSync(path)) return files;
    checkPackFile(join(dir, prefix), path);
    manifestText = readText(path);
    files[`${prefix}pack.json`] = manifestText;
  }
}
