import { PostloanError, unwrap } from '../errors/PostloanError';
import { replay } from '../engine/replay';
import type { ReplayOutput } from '../engine/output';
import { parseHistory } from '../history/parseHistory';
import { cnDefaultPack } from '../rules/defaultPack';
import { loadPack } from '../rules/loadPack';
import { parseDay } from '../time/day';
import { todayIn } from './clock';
import { readPackDir, readText } from './files';

/** Inputs of `postloan replay`. */
export interface ReplayCommand {
  readonly historyPath: string;
  readonly packDir?: string;
  readonly asOf?: string;
}

/** Reads the files, validates them (history and pack problems reported together) and replays. */
export function runReplay(cmd: ReplayCommand): ReplayOutput {
  const problems = [];
  const packResult = cmd.packDir === undefined ? undefined : loadPack(readPackDir(cmd.packDir), { dir: `${cmd.packDir.replace(/\/+$/, '')}/` });
  if (packResult !== undefined && !packResult.ok) problems.push(...packResult.issues);
  const historyResult = parseHistory(readText(cmd.historyPath), cmd.historyPath);
  if (!historyResult.ok) problems.push(...historyResult.issues);
  let asOfText = cmd.asOf;
  if (asOfText !== undefined && parseDay(asOfText) === undefined) {
    problems.push({
      code: /^\d{4}-\d{2}-\d{2}$/.test(asOfText) ? ('date.invalid' as const) : ('date.format' as const),
      path: '--as-of',
      message: `"${asOfText}" is not a calendar date`,
      hint: 'write the date as YYYY-MM-DD, e.g. --as-of 2026-04-20',
    });
  }
  if (problems.length > 0) throw new PostloanError(problems);
  const pack = packResult === undefined ? cnDefaultPack() : unwrap(packResult);
  asOfText ??= todayIn(pack.timeZone);
  const history = unwrap(historyResult);
  return replay(history, pack, { asOf: parseDay(asOfText) as NonNullable<ReturnType<typeof parseDay>> });
}
