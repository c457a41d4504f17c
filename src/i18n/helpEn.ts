import type { CommandName } from '../cli/commandHelp';
import type { HelpTexts } from './catalogue';
import { SYNOPSIS } from './helpSynopsis';

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
                       [--reasons]

Replays one loan history and prints its state, bucket, DPD, classification, balances, timeline and tasks
as JSON.

Options:
  --pack <dir>     Rule pack directory (default: the built-in cn-default pack); repeat it for versions
                   of one pack, each applied on the days it is in force
  --as-of <date>   Business date to replay to (default: today in the pack's time zone)
  --compact        Print the JSON on one line
  --format <f>     json (default) or html: the loan case page (贷后档案), one self-contained file
  --reasons        Give every timeline entry a "reasonText": a sentence in the --lang locale built from
                   its fields (without it the JSON is the same in every locale)
  --lang <l>       zh-CN or en for the page, the reasons and the messages (default: LC_ALL,
                   LC_MESSAGES, LANG, else en)

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
  diagram: `Usage: postloan diagram [--pack <dir>]

Prints the loan lifecycle statechart as a Mermaid stateDiagram-v2: the built-in one, or with --pack the
pack's own ("statechart" in pack.json). With --lang zh-CN the states and transitions are labelled in
Chinese (state "正常" as normal; a pack's own state by its meta.label); the state ids stay the same.

Example:
  node dist/cli.js diagram > lifecycle.mmd
  node dist/cli.js diagram --pack examples/extending/dealer-pack > dealer.mmd

Exit codes:
  0 ok · 1 invalid pack · 2 usage error · 141 standard output closed early`,
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
  --lang <l>       zh-CN or en for the html page; csv headers are English unless --lang zh-CN is given
                   (the environment's locale does not change the columns a program reads)

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
  tasks: `Usage: postloan tasks [--party <p>] [--kind <k>] [--collector <c>] [--on <YYYY-MM-DD>] [--status <s,…>] [--limit <n>] [--json]

Lists the stored tasks due by a date (open tasks by default), one indexed query. With --collector, a
collector's daily task list (P-CS-10): the tasks assigned to that collector, due by the date (the day's
feedback is due by 17:00 that day), and those breached before.

Options:
  --party <p>           Only tasks for this party role (borrower, guarantor, collector, …)
  --kind <k>            Only tasks of this kind
  --collector <c>       Only tasks assigned to this collector (the collectorId of an assigned event)
  --on <date>           Tasks due on or before this date (default: today in the pack's time zone)
  --status <s,…>        open, breached, done, late, cancelled (comma-separated)
  --limit <n>           At most n rows (default 10000; says when more match)
  --json                Print JSON instead of a table
${STORE_OPTIONS}

Example:
  node dist/cli.js tasks --party borrower --on 2026-12-07
  node dist/cli.js tasks --collector C-7 --on 2026-12-07

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
 * The English help: `postloan --help` and the command pages.
 *
 * @example
 * ```ts
 * helpEn.page.diagram.startsWith('Usage: postloan diagram'); // true
 * ```
 */
export const helpEn: HelpTexts = {
  main: (version: string) => `postloan ${version} — post-loan management (贷后管理) by replay of loan histories

Usage:
${SYNOPSIS}
  postloan <command> --help | postloan help <command>   (a command's usage, options, example, exit codes)
  postloan --help | --version

Commands:
  replay   Replay a loan history and print its state, bucket, DPD, classification,
           balances, timeline and tasks as JSON.
  validate Check a rule pack directory: schema problems and lint findings (DPD gaps and
           overlaps, rules that never fire or are shadowed, unused parameters and task
           kinds, policy ids not covered, facts that force daily evaluation), all at once.
           Exit 0 valid (warnings allowed) · 1 errors, or warnings with --strict · 2 usage.
  diagram  Print the loan lifecycle statechart as a Mermaid stateDiagram-v2.
  generate Write a seeded synthetic portfolio as JSONL, one loan history per line.
  report   Portfolio report over (--from, --to]: overdue and NPL ratios, cure and migration,
           provisioning, tasks, agencies, supervisory sample and spot check (P-PF-1…6, P-IN-8).
           A bad history is listed under "errors"; the rest is still reported.
  batch    Replay every loan of a JSONL file or directory to --as-of on all cores (worker
           threads; --workers 1 runs in-process) and write one compact JSON line per loan,
           in input order; --snapshots also writes each loan's snapshot, line for line (--lean:
           without the timeline and closed tasks, for the nightly advance). A bad
           history becomes an {"error": …} line naming the file, line, loan and JSON path,
           and the rest still runs: exit 0 all replayed · 1 some error lines · 2 usage.
           Progress bar and summary (with peak memory) on stderr only when it is a terminal
           (--verbose: summary always).
  explain  Explain every decision in force at --as-of (bucket, classification, state, risk
           level, management mode, segment, permits, tasks): each rule with its policy id,
           description and conditions, ✓/✗, the values compared and the parameters used.
           --rule <id> explains one rule, even one that does not hold.
  diff     Replay every loan under pack A and pack B and count the loans whose state, bucket,
           classification, risk level, management mode, segment or tasks change, with
           transition tables and example loan ids. A bad history is listed under errors.
  db migrate  Create or upgrade the PostgreSQL store's schema (versioned migrations).
  ingest   Append histories to the store (idempotent: events already stored are skipped, an
           event id stored with other content is refused) and bring each loan to --as-of;
           a back-dated event replays the loan from its stored log.
  show     Print a stored loan as \`postloan replay\` prints its whole history.
  tasks    Outstanding tasks due by --on (default today), by party or kind.
  eod      Enqueue the end of day on BullMQ (due loans in chunks) and wait for the workers;
           summary: loans due, advanced, skipped, failed with reasons.
  worker   Process end-of-day chunks (run any number, on any number of machines).
           The store and queue commands take --database-url (POSTLOAN_DATABASE_URL),
           --schema (default postloan) and --redis-url (POSTLOAN_REDIS_URL).

Options:
  --pack <dir>     Rule pack directory (default: the built-in cn-default pack)
  --as-of <date>   Business date to replay to (default: today in the pack's time zone)
  --compact        Print JSON on one line
  --json           validate: print the findings as a JSON array; explain, diff: print JSON
  --rule <id>      explain: only this rule
  --strict         validate: warnings fail too
  --seed <s>       generate: a whole number; report: the samples' seed (default "report <from> <to>")
  --out <file>     generate: write the JSONL to a file instead of stdout
  --format <f>     report: json (default), csv (UTF-8 with BOM, for Excel) or html (one file, SVG charts)
  --format <f>     replay: json (default) or html (the loan case page, 贷后档案)
  --reasons        replay: a "reasonText" sentence on every timeline entry, in the --lang locale
  --lang <l>       zh-CN or en, any command (default: LC_ALL, LC_MESSAGES, LANG, else en)
  -h, --help       Show this help
  -v, --version    Show the version

Files: - reads standard input; inputs must be regular UTF-8 files (a .json history ≤ 20 MiB, a JSONL line
≤ 20 MiB); outputs go to <file>.partial under <file>.lock and are renamed when complete.

Exit codes: 0 ok · 1 invalid input or I/O error (history, pack, dates, files) · 2 usage error
            70 internal error · 141 standard output closed early (| head), quietly`,
  page: PAGES,
};
