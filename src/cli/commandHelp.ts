/** The commands of the CLI that have a help page. */
export const COMMANDS = ['replay', 'validate', 'diagram', 'generate', 'report', 'explain', 'diff', 'batch', 'db', 'ingest', 'show', 'tasks', 'eod', 'worker'] as const;

/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

const EXIT_INPUT = '  0 ok · 1 invalid input or I/O error (history, pack, dates, a file that cannot be read or written)\n  2 usage error · 70 internal error (a bug) · 141 standard output closed early (e.g. | head), quietly';

const INPUTS = `Input files: regular files only (not FIFOs or devices), UTF-8 (a GBK file is refused with the byte
offset: convert it with iconv -f GB18030 -t UTF-8), a .json history at most 20 MiB, a JSONL line at most
20 MiB. - reads standard input.`;

const STORE_OPTIONS = `  --database-url <url>  PostgreSQL connection URL (default: $POSTLOAN_DATABASE_URL)
  --schema <name>       The store's schema (default: postloan)
  --pack <dir>          Rule pack directory (default: the built-in cn-default pack)`;

const EXIT_STORE = '  0 ok · 1 invalid input, or a database or Redis that cannot be reached or is not migrated (an I/O error)\n  2 usage error · 70 internal error (a bug)';

const PAGES: Readonly<Record<CommandName, string>> = {
  replay: `Usage: postloan replay <history.json | -> [--pack <dir>]… [--as-of <YYYY-MM-DD>] [--compact] [--format json|html]

Replays one loan history and prints its state, bucket, DPD, classification, balances, timeline and tasks
as JSON.

Options:
  --pack <dir>     Rule pack directory (default: the built-in cn-default pack); repeat it for versions
                   of one pack, each applied on the days it is in force
  --as-of <date>   Business date to replay to (default: today in the pack's time zone)
  --compact        Print the JSON on one line
  --format <f>     json (default) or html: the loan case page (贷后档案), one self-contained file
  --lang <l>       zh-CN or en for the page and the messages (default: LC_ALL, LC_MESSAGES, LANG, else en)

${INPUTS}

Example:
  node dist/cli.js replay examples/cured-m1.json --as-of 2026-04-20
  cat loan.json | node dist/cli.js replay - --as-of 2026-04-20

Exit codes:
${EXIT_INPUT}`,
  validate: `Usage: postloan validate <packDir> [--json] [--strict]

Checks a rule pack directory and prints every schema problem and lint finding at once.

Options:
  --json           Print the findings as a JSON array
  --strict         Warnings fail too

Example:
  node dist/cli.js validate rules/cn-default

Exit codes:
  0 valid (warnings allowed) · 1 errors, or warnings with --strict · 2 usage error · 70 internal error`,
  diagram: `Usage: postloan diagram

Prints the loan lifecycle statechart as a Mermaid stateDiagram-v2.

Example:
  node dist/cli.js diagram > lifecycle.mmd

Exit codes:
  0 ok · 2 usage error · 141 standard output closed early`,
  generate: `Usage: postloan generate --seed <n> --loans <n> --as-of <YYYY-MM-DD> [--years <n>] [--out <file.jsonl>]

Writes a seeded synthetic portfolio as JSONL, one loan history per line; the same seed, count and date
give the same bytes.

Options:
  --seed <n>       A whole number
  --loans <n>      How many loans
  --as-of <date>   The day the histories run up to
  --years <n>      Disbursements spread over this many years before --as-of (1–10, default 3)
  --out <file>     Write to this file (through <file>.partial, renamed when complete) instead of stdout

Example:
  node dist/cli.js generate --seed 42 --loans 1000 --as-of 2026-06-30 --out book.jsonl

Exit codes:
${EXIT_INPUT}`,
  report: `Usage: postloan report <histories.jsonl | dir | -> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--pack <dir>]
                [--format json|csv|html] [--seed <text>] [--provisions-held <yuan>] [--currency <code>]

Portfolio report over (--from, --to]: overdue and NPL ratios, cure and migration, provisioning, tasks,
agencies, supervisory sample and spot check. A bad history is listed under "errors"; the rest is still
reported.

Options:
  --from, --to     The period: the days after --from up to --to
  --pack <dir>     Rule pack directory (default: cn-default)
  --format <f>     json (default), csv (UTF-8 with BOM, for Excel) or html (one file, SVG charts)
  --seed <text>    Seed of the samples (default "report <from> <to>")
  --provisions-held <yuan>  Provisions held, for the coverage ratios
  --currency <code>  Only the loans in this currency (ISO 4217). A book mixing currencies is
                   reported per currency, never summed: JSON gives "byCurrency", CSV and HTML need --currency

${INPUTS}

Example:
  node dist/cli.js report book.jsonl --from 2026-05-31 --to 2026-06-30 --format html > report.html

Exit codes:
${EXIT_INPUT}
  (1 also when every history is an error: the report then covers no loan)`,
  explain: `Usage: postloan explain <history.json | -> --as-of <YYYY-MM-DD> [--pack <dir>] [--rule <id>] [--json]

Explains every decision in force at --as-of: each rule with its policy id, conditions, ✓/✗, the values
compared and the parameters used.

Options:
  --as-of <date>   The date whose decisions to explain
  --pack <dir>     Rule pack directory (default: cn-default)
  --rule <id>      Explain this rule only, even one that does not hold
  --json           Print JSON

${INPUTS}

Example:
  node dist/cli.js explain examples/cured-m1.json --as-of 2026-04-20

Exit codes:
${EXIT_INPUT}`,
  diff: `Usage: postloan diff <packA> <packB> <histories.json… | dir | histories.jsonl | -> --as-of <YYYY-MM-DD> [--json]

Replays every loan under pack A and pack B and counts the loans whose decisions change, with transition
tables and example loan ids. A bad history is listed under errors; the rest is compared.

Options:
  --as-of <date>   The date to replay every loan to under both packs
  --json           Print JSON

${INPUTS} A path ending in .json is one history; any other
file (and -) is JSONL.

Example:
  node dist/cli.js diff rules/cn-default my-pack book.jsonl --as-of 2026-06-30

Exit codes:
${EXIT_INPUT}
  (1 also when every history is an error: nothing was compared)`,
  batch: `Usage: postloan batch <histories.jsonl | dir | -> --as-of <YYYY-MM-DD> [--pack <dir>] [--out <file.jsonl>]
               [--snapshots <file.jsonl> [--lean]] [--resume] [--workers <n>] [--verbose]

Replays every loan to --as-of on worker threads and writes one compact JSON line per loan, in input
order. A bad history, or a second history of a loan id already seen (the first is kept), becomes an
{"error": …} line naming the file, line and loan; the rest still runs.

Options:
  --as-of <date>       The business date every loan is replayed to
  --pack <dir>         Rule pack directory (default: cn-default)
  --out <file>         Write the outputs here instead of stdout
  --snapshots <file>   Also write each loan's snapshot, line for line with the outputs
  --lean               Lean snapshots (no timeline, no closed tasks), for the nightly advance
  --resume             Continue the <file>.partial files of a run that was killed or failed
  --workers <n>        Worker threads, 1 to 64 (default: the number of cores; 1 runs in-process)
  --verbose            Print the summary line even when stderr is not a terminal

Outputs are written to <file>.partial next to <file> and renamed when the run completes, so the previous
file survives a crash; <file>.lock (holding the process id) keeps two runs off the same file. An
output that is an input or another output is refused.

${INPUTS}

Example:
  node dist/cli.js batch book.jsonl --as-of 2026-06-30 --out outputs.jsonl --snapshots snapshots.jsonl

Exit codes:
  0 every loan replayed · 1 error lines in the output, or invalid input, or an I/O error
  2 usage error · 70 internal error (a bug) · 141 standard output closed early, quietly`,
  db: `Usage: postloan db migrate [--database-url <url>] [--schema <name>]

Creates or upgrades the store's tables in PostgreSQL (versioned migrations, applied in one transaction
under an advisory lock, so two hosts migrating at once are safe). Run it before any other store command.

Options:
${STORE_OPTIONS}

Example:
  node dist/cli.js db migrate --database-url postgres://postloan@127.0.0.1:5432/lending

Exit codes:
${EXIT_STORE}`,
  ingest: `Usage: postloan ingest <history.json | book.jsonl | dir | -> [--as-of <YYYY-MM-DD>] [--database-url <url>]

Stores loan contracts and their events (idempotently: an event already stored with the same content is
skipped, one with the same id and other content is refused) and brings each loan to the as-of date.

Options:
  --as-of <date>        Date to bring each loan to (default: today in the pack's time zone)
${STORE_OPTIONS}

Example:
  node dist/cli.js ingest book.jsonl --as-of 2026-12-07

Exit codes:
${EXIT_STORE}`,
  show: `Usage: postloan show <loanId> [--as-of <YYYY-MM-DD>] [--compact] [--database-url <url>]

Prints one stored loan's replay output: the same JSON as postloan replay of its whole history.

Options:
  --as-of <date>        Date to show the loan at (default: the date it is stored at)
  --compact             Print the JSON on one line
${STORE_OPTIONS}

Example:
  node dist/cli.js show L-2026-0001

Exit codes:
${EXIT_STORE}`,
  tasks: `Usage: postloan tasks [--party <p>] [--kind <k>] [--on <YYYY-MM-DD>] [--status <s,…>] [--limit <n>] [--json]

Lists the stored tasks due by a date (open tasks by default), one indexed query.

Options:
  --party <p>           Only tasks for this party role (borrower, guarantor, collector, …)
  --kind <k>            Only tasks of this kind
  --on <date>           Tasks due on or before this date (default: today in the pack's time zone)
  --status <s,…>        open, breached, done, late, cancelled (comma-separated)
  --limit <n>           At most n rows (default 10000; says when more match)
  --json                Print JSON instead of a table
${STORE_OPTIONS}

Example:
  node dist/cli.js tasks --party borrower --on 2026-12-07

Exit codes:
${EXIT_STORE}`,
  eod: `Usage: postloan eod --to <YYYY-MM-DD> [--chunk <n>] [--no-wait] [--database-url <url>] [--redis-url <url>]

End of day: enqueues the loans due by the date (next_review_on) in chunks on BullMQ and waits until the
workers have advanced them all; prints progress on a terminal and a summary (due, advanced, skipped,
failed with reasons). Enqueuing the same day twice adds nothing.

Options:
  --to <date>           The business date to bring the due loans to
  --chunk <n>           Loans per job
  --no-wait             Enqueue and return without waiting
  --redis-url <url>     Redis connection URL (default: $POSTLOAN_REDIS_URL)
  --queue <name>        Queue name
${STORE_OPTIONS}

Example:
  node dist/cli.js eod --to 2026-12-07

Exit codes:
  0 every due loan advanced · 1 some failed (listed with reasons), or a database or Redis error
  2 usage error · 70 internal error (a bug)`,
  worker: `Usage: postloan worker [--concurrency <n>] [--until-idle] [--database-url <url>] [--redis-url <url>]

Processes end-of-day chunks from the queue; run any number of them on any number of machines. Each chunk
commits in one transaction, and a loan already at the target date is skipped, so a retried chunk never
applies twice.

Options:
  --concurrency <n>     Chunks processed at once by this process
  --until-idle          Exit when the queue has nothing waiting or running
  --lock-ms <n>         How long a chunk is held before another worker may take it over
  --verbose             A line per chunk
  --redis-url <url>     Redis connection URL (default: $POSTLOAN_REDIS_URL)
  --queue <name>        Queue name
${STORE_OPTIONS}

Example:
  node dist/cli.js worker --until-idle

Exit codes:
${EXIT_STORE}`,
};

/**
 * The help page of one command: usage, what it does, options, an example and exit codes.
 *
 * @example
 * ```ts
 * commandHelp('batch').startsWith('Usage: postloan batch'); // true
 * ```
 */
export function commandHelp(command: CommandName): string {
  return `${PAGES[command]}\n`;
}

/** Whether a word names a command with a help page. */
export function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}
