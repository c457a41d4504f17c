import { PostloanError, unwrap } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { replay, replayVersions } from '../engine/replay';
import type { ReplayOutput } from '../engine/output';
import { eventKindIssues } from '../history/eventKindIssues';
import { parseHistory, type History } from '../history/parseHistory';
import { cnDefaultPack } from '../rules/defaultPack';
import { loadPack, type CompiledPack } from '../rules/loadPack';
import { parseDay, type Day } from '../time/day';
import { todayIn } from './clock';
import { readPackDir, readText } from './files';
import { inputName } from './inputFile';
import { appendAll } from '../errors/appendAll';
import { badDateText } from './cliMessages';
import { issueFrom } from '../errors/issueText';

/** Inputs of `postloan replay`. */
export interface ReplayCommand {
  readonly historyPath: string;
  /** One pack, or several versions of one pack: each applies on the days it is in force. */
  readonly packDirs?: readonly string[];
  readonly asOf?: string;
}

/** Reads the files, validates them (history and pack problems reported together) and replays. */
export function runReplay(cmd: ReplayCommand): ReplayOutput {
  const { history, packs, asOf } = prepareReplay(cmd);
  return packs.length === 1 ? replay(history, packs[0] as CompiledPack, { asOf }) : replayVersions(history, packs, { asOf });
}

/** The validated inputs of a replay: the history, the pack versions and the as-of day. */
export function prepareReplay(cmd: ReplayCommand): { readonly history: History; readonly packs: readonly CompiledPack[]; readonly asOf: Day } {
  const problems: PostloanIssue[] = [];
  const packResults = (cmd.packDirs ?? []).map((dir) => loadPack(readPackDir(dir), { dir: `${dir.replace(/\/+$/, '')}/` }));
  for (const r of packResults) if (!r.ok) appendAll(problems, r.issues);
  const historyResult = parseHistory(readText(cmd.historyPath), inputName(cmd.historyPath));
  if (!historyResult.ok) appendAll(problems, historyResult.issues);
  let asOfText = cmd.asOf;
  if (asOfText !== undefined && parseDay(asOfText) === undefined) {
    problems.push(issueFrom({ code: /^\d{4}-\d{2}-\d{2}$/.test(asOfText) ? 'date.invalid' : 'date.format', path: '--as-of' }, badDateText(asOfText, '--as-of', '2026-04-20')));
  }
  if (problems.length > 0) throw new PostloanError(problems);
  const packs = packResults.length === 0 ? [cnDefaultPack()] : packResults.map((r) => unwrap(r));
  asOfText ??= todayIn((packs[0] as CompiledPack).timeZone);
  const history = unwrap(historyResult);
  const asOf = parseDay(asOfText) as NonNullable<ReturnType<typeof parseDay>>;
  // Checked here too, so the message names the history file (replay itself does not know it).
  const kindProblems = packs.length === 1 ? eventKindIssues(history.events, packs[0] as CompiledPack, cmd.historyPath) : [];
  if (kindProblems.length > 0) throw new PostloanError(kindProblems);
  return { history, packs, asOf };
}
