/**
 * The CLI's sentences about files, connections and flags, in one place (usage texts are in `commandHelp.ts`).
 */
import type { IssueText } from '../contract/messages';
import { issueFrom, textModule } from '../errors/issueText';
import { PostloanError } from '../errors/PostloanError';
import { dayProblem, FIRST_INPUT_DAY, LAST_INPUT_DAY } from '../time/day';

const GBK_HINT = 'postloan reads UTF-8 only; a file from a Chinese Windows tool is often GBK/GB18030: convert it, e.g. iconv -f GB18030 -t UTF-8 in.jsonl > out.jsonl';

/** What a path that is not a regular file is. */
export type FileKind = 'directory' | 'fifo' | 'characterDevice' | 'blockDevice' | 'socket' | 'other';

const KIND: Readonly<Record<FileKind, string>> = {
  directory: 'a directory',
  fifo: 'a named pipe (FIFO)',
  characterDevice: 'a character device',
  blockDevice: 'a block device',
  socket: 'a socket',
  other: 'not a regular file',
};

/** Words for the errno codes a write fails with. */
export const IO_WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'read-only file system',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
};

/** The usage hint: where the help is, and an example of the command when there is one. */
function help(example: string): string {
  return example === '' ? 'run `postloan --help` for usage' : `run \`postloan --help\` for usage, e.g. ${example}`;
}

/** `a`, `a or b`, `a, b or c`. */
function orList(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

/**
 * The CLI's texts.
 *
 * @example
 * ```ts
 * cliText.badDate('2026-02-30', 'calendar', '--as-of', '2026-04-20').message; // '"2026-02-30" is not a calendar date'
 * ```
 */
export const cliText = textModule('cli', {
  ioError: (what: string, code: string, syscall: string): IssueText => ({
    message: `I/O error on ${what === '' ? 'a file' : what}: ${code} (${syscall})`,
    hint: 'check the path, its permissions and the free space',
  }),
  notRegular: (path: string, kind: FileKind): IssueText => ({
    message: `Cannot read ${path}: it is ${KIND[kind]}, and postloan reads regular files only (their size is known, so reading ends)`,
    hint: 'copy the data to a file, or pipe it to standard input and give - as the path',
  }),
  cannotRead: (path: string, code: string | undefined, missing: boolean): IssueText => ({
    message: `Cannot read ${path}: ${missing ? 'no such file' : (code ?? 'error')}`,
    hint: missing ? 'check the path' : 'check the path and its permissions',
  }),
  readFailed: (path: string, code: string | undefined): IssueText => ({ message: `Cannot read ${path}: ${code ?? 'error'}`, hint: 'check the file and the disk' }),
  tooLarge: (path: string, size: number, max: number): IssueText => ({ message: `${path} is ${size} bytes, above the ${max}-byte limit`, hint: 'split the input into smaller files' }),
  grewTooLarge: (path: string, max: number, total: number): IssueText => ({
    message: `${path} is larger than the ${max}-byte limit (stopped reading at ${total} bytes)`,
    hint: 'split the input into smaller files',
  }),
  notUtf8: (file: string, byte: string, offset: number, line: number, column: number): IssueText => ({
    message: `${file} is not valid UTF-8: byte ${byte} at byte offset ${offset} (line ${line}, column ${column})`,
    hint: GBK_HINT,
  }),
  lineTooLong: (n: number, file: string, max: number): IssueText => ({
    message: `Line ${n} of ${file} is longer than the ${max}-byte limit for one history`,
    hint: 'one line holds one loan history; check that the file is JSONL (one JSON document per line)',
  }),
  danglingLink: (path: string): IssueText => ({ message: `${path} is a symbolic link to nothing`, hint: 'replace the link with the file itself' }),
  linkOutside: (path: string): IssueText => ({
    message: `${path} is a symbolic link to a file outside the pack directory; pack files are read only from inside it`,
    hint: 'copy the file into the pack directory, or use "extends" to build on another pack',
  }),
  packFileNotRegular: (path: string): IssueText => ({ message: `${path} is not a regular file`, hint: 'a pack file is a .json file in the pack directory' }),
  cannotWrite: (path: string, code: string | undefined, detail: string, stdout: boolean): IssueText => ({
    message: `Cannot write ${path}: ${code === undefined ? detail : `${IO_WORDS[code] ?? 'error'} (${code})`}`,
    hint: stdout ? 'check the disk or the program standard output goes to' : 'check that the directory exists, is writable and has space; the previous file, if any, is unchanged',
  }),
  outputClash: (flag: string, path: string, input: boolean, otherFlag: string, otherPath: string): IssueText => ({
    message: `${flag} ${path} is ${input ? 'an input' : 'another output'} (${otherFlag === '' ? 'the input' : otherFlag} ${otherPath}): writing it would destroy what is read or interleave two outputs`,
    hint: 'write each output to a file of its own, not to an input',
  }),
  locked: (path: string, pid: string, lockPath: string): IssueText => ({
    message: `${path} is being written by another postloan run (process ${pid}, lock ${lockPath})`,
    hint: `wait for that run to finish; if no such run exists (a crash on another machine sharing the disk), delete ${lockPath}`,
  }),
  stdinTwice: (): IssueText => ({ message: 'standard input (-) can be read only once', hint: 'give a JSONL file of histories (postloan generate writes one), - for standard input, history files (.json) or directories of them' }),
  noSuchInput: (input: string): IssueText => ({
    message: `Cannot read ${input}: no such file or directory`,
    hint: 'give a JSONL file of histories (postloan generate writes one), - for standard input, history files (.json) or directories of them',
  }),
  emptyDirectory: (input: string): IssueText => ({
    message: `${input} holds no .json or .jsonl files`,
    hint: 'put the history files (one loan per .json file, or many per .jsonl file) in the directory',
  }),
  /** `problem` is what `dayProblem` found: not a calendar date, or outside the supported dates. */
  badDate: (value: string, problem: 'calendar' | 'range', flag: string, example: string): IssueText => ({
    message: `"${value}" ${problem === 'calendar' ? 'is not a calendar date' : `is outside the supported dates ${FIRST_INPUT_DAY} to ${LAST_INPUT_DAY}`}`,
    hint: `write the date as YYYY-MM-DD, e.g. ${flag} ${example}`,
  }),
  internalForLoan: (loanId: string, error: string): IssueText => ({
    message: `Internal error while replaying loan ${loanId}: ${error}`,
    hint: 'this is a bug in postloan; please report it with this history',
  }),
  noLoanId: (): IssueText => ({ message: 'The history has no loan id', hint: 'a history is {"loan": {"id": …, …}, "events": […]}' }),
  eventsNotArray: (): IssueText => ({ message: 'events is not an array', hint: 'list the events in an array' }),
  noDatabase: (): IssueText => ({ message: 'No database given', hint: 'pass --database-url postgres://user@host:5432/db or set POSTLOAN_DATABASE_URL' }),
  notPostgresUrl: (url: string): IssueText => ({ message: `${url} is not a PostgreSQL URL`, hint: 'write it as postgres://user:password@host:5432/database' }),
  noRedis: (): IssueText => ({ message: 'No Redis given', hint: 'pass --redis-url redis://host:6379 or set POSTLOAN_REDIS_URL' }),
  notRedisUrl: (url: string): IssueText => ({ message: `${url} is not a Redis URL`, hint: 'write it as redis://host:6379' }),
  databaseFailed: (url: string, reason: string): IssueText => ({
    message: `PostgreSQL at ${url}: ${reason}`,
    hint: 'check --database-url (or POSTLOAN_DATABASE_URL), that the server runs and that the user may connect',
  }),
  noPg: (): IssueText => ({ message: 'The pg package is not installed', hint: 'npm install pg (postloan uses it for the PostgreSQL store)' }),
  noIoredis: (): IssueText => ({ message: 'The ioredis package is not installed', hint: 'npm install bullmq ioredis (postloan uses them for the end of day on BullMQ)' }),
  redisUnreachable: (url: string, reason: string): IssueText => ({ message: `Cannot reach Redis at ${url}: ${reason}`, hint: 'check --redis-url (or POSTLOAN_REDIS_URL) and that Redis runs' }),
  // Usage problems found while parsing arguments; `example` is the command line the hint shows ('' for none).
  /** `detail` is node:util parseArgs's English message; the Chinese builder translates its known forms. */
  badArguments: (detail: string, example: string): IssueText => ({ message: detail, hint: help(example) }),
  unknownCommand: (command: string): IssueText => ({ message: `Unknown command "${command}"`, hint: help('') }),
  helpArgs: (commands: readonly string[], given: string): IssueText => ({ message: `help takes one command name (${commands.join(', ')}), got "${given}"`, hint: help('') }),
  diagramArgs: (given: string): IssueText => ({ message: `diagram takes no arguments but --pack <dir>, got "${given}"`, hint: help('') }),
  needsDatabaseBinary: (command: string): IssueText => ({ message: `${command} talks to a database: run it through the postloan binary (mainAsync), not main`, hint: help('') }),
  needsStreamBinary: (command: string): IssueText => ({ message: `${command} streams its input: run it through the postloan binary (mainAsync), not main`, hint: help('') }),
  oneHistory: (command: string, got: number, example: string): IssueText => ({ message: `${command} takes exactly one history file, got ${got}`, hint: help(example) }),
  oneBook: (command: string, got: number, example: string): IssueText => ({ message: `${command} takes exactly one JSONL file or directory of histories, got ${got}`, hint: help(example) }),
  onePack: (got: number, example: string): IssueText => ({ message: `validate takes exactly one pack directory, got ${got}`, hint: help(example) }),
  diffArgs: (got: number, example: string): IssueText => ({
    message: `diff takes two pack directories and then the histories (files, JSONL files or directories), got ${got} argument${got === 1 ? '' : 's'}`,
    hint: help(example),
  }),
  badFormat: (choices: readonly string[], got: string, example: string): IssueText => ({ message: `--format must be ${orList(choices)}, got "${got}"`, hint: help(example) }),
  wholeNumber: (flag: string, got: string, example: string): IssueText => ({ message: `${flag} must be a whole number, got "${got}"`, hint: help(example) }),
  wholeNumberUpTo: (flag: string, max: number, got: string, example: string): IssueText => ({ message: `${flag} must be a whole number from 1 to ${max}, got "${got}"`, hint: help(example) }),
  batchNeedsAsOf: (example: string): IssueText => ({ message: 'batch needs --as-of: the business date every loan is replayed to', hint: help(example) }),
  diffNeedsAsOf: (example: string): IssueText => ({ message: 'diff needs --as-of <YYYY-MM-DD>: the date to replay every loan to under both packs', hint: help(example) }),
  explainNeedsAsOf: (example: string): IssueText => ({ message: 'explain needs --as-of <YYYY-MM-DD>: the date whose decisions to explain', hint: help(example) }),
  generateNeeds: (flags: readonly string[], example: string): IssueText => ({ message: `generate needs ${flags.join(', ')}: the same seed, count and date give the same portfolio`, hint: help(example) }),
  reportNeeds: (flags: readonly string[], example: string): IssueText => ({ message: `report needs ${flags.join(' and ')}: the period is the days after --from up to --to`, hint: help(example) }),
  resumeNeedsOut: (example: string): IssueText => ({ message: '--resume continues the partial --out file of a run that did not finish: give --out <file.jsonl> too', hint: help(example) }),
  leanNeedsSnapshots: (example: string): IssueText => ({ message: '--lean makes the snapshots lean: give --snapshots <file.jsonl> too', hint: help(example) }),
  outputInInput: (flag: string, path: string, input: string): IssueText => ({
    message: `${flag} ${path} is inside the input directory ${input}, where the next run would read it as histories`,
    hint: 'write the outputs to another directory',
  }),
  resumeMismatch: (histories: number, lines: number): IssueText => ({
    message: `The input has ${histories} histories, fewer than the ${lines} lines the partial output already holds: it is not the book of the earlier run`,
    hint: 'resume with the same input, pack and --as-of, or run without --resume to start over',
  }),
  /** Store commands (`eod`, `worker`, `tasks`) show the example itself as the hint. */
  noPositionals: (command: string, given: string, example: string): IssueText => ({ message: `${command} takes no positional arguments, got "${given}"`, hint: example }),
  eodNeedsTo: (): IssueText => ({ message: 'eod needs the date to bring the loans to', hint: 'postloan eod --to 2026-12-07' }),
  dbArgs: (given: string): IssueText => ({ message: `db takes one subcommand, migrate; got "${given}"`, hint: 'postloan db migrate --database-url postgres://…' }),
  ingestArgs: (got: number): IssueText => ({ message: `ingest takes one input (a history file, a JSONL book or a directory), got ${got}`, hint: 'postloan ingest book.jsonl --as-of 2026-12-06' }),
  showArgs: (got: number): IssueText => ({ message: `show takes one loan id, got ${got}`, hint: 'postloan show L-2026-0001' }),
  provisionsHeld: (value: string): IssueText => ({ message: `"${value}" is not money text with 2 decimals`, hint: 'e.g. --provisions-held 1250000.00' }),
  /** `to` is undefined for a pack in force without end. */
  packNotInForce: (pack: string, from: string, to: string | undefined, asOf: string): IssueText => ({
    message: `Pack ${pack} is effective from ${from}${to === undefined ? '' : ` to ${to}`}; the as-of date ${asOf} is outside`,
    hint: 'compare the packs at a date both are in force',
  }),
  duplicateHistory: (loanId: string, first: string, second: string): IssueText => ({
    message: `Loan ${loanId} already has a history at ${first}; this second history (${second}) is not replayed, the first is kept`,
    hint: 'give each loan one history in a book: merge the two histories, or correct the loan id of one of them',
  }),
  unknownStatus: (unknown: readonly string[], statuses: readonly string[]): IssueText => ({
    message: `Unknown task status ${unknown.map((s) => `"${s}"`).join(', ')}`,
    hint: `use one or more of ${statuses.join(', ')}, comma-separated`,
  }),
});

/**
 * A `cli.usage` error from a text.
 *
 * @example
 * ```ts
 * throw usageErrorOf(cliText.unknownCommand('foo'));
 * ```
 */
export function usageErrorOf(text: IssueText): PostloanError {
  return new PostloanError([issueFrom({ code: 'cli.usage', path: '' }, text)]);
}

/**
 * The text for a date flag that is not a date the CLI accepts.
 *
 * @example
 * ```ts
 * badDateText('2026-02-30', '--as-of', '2026-04-20').hint; // 'write the date as YYYY-MM-DD, e.g. --as-of 2026-04-20'
 * ```
 */
export function badDateText(value: string, flag: string, example: string): IssueText {
  const problem = dayProblem(value);
  return cliText.badDate(value, problem === undefined || problem === 'is not a calendar date' ? 'calendar' : 'range', flag, example);
}
