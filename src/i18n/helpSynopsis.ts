/**
 * The usage lines of `postloan --help`, one command each: what a user types, the same in every locale.
 *
 * @example
 * ```ts
 * SYNOPSIS.startsWith('  postloan replay'); // true
 * ```
 */
export const SYNOPSIS = `  postloan replay <history.json | -> [--pack <dir>]… [--as-of <YYYY-MM-DD>] [--compact] [--format json|html]
                  [--reasons]
  postloan diagram [--pack <dir>]
  postloan validate <packDir> [--json] [--strict]
  postloan generate --seed <n> --loans <n> --as-of <YYYY-MM-DD> [--years <n>] [--out <file.jsonl>]
  postloan report <histories.jsonl | dir | -> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--pack <dir>]
                  [--format json|csv|html] [--seed <text>] [--provisions-held <yuan>] [--currency <code>]
  postloan explain <history.json | -> --as-of <YYYY-MM-DD> [--pack <dir>] [--rule <id>] [--json]
  postloan diff <packA> <packB> <histories.json… | dir | histories.jsonl | -> --as-of <YYYY-MM-DD> [--json]
  postloan batch <histories.jsonl | dir | -> --as-of <YYYY-MM-DD> [--pack <dir>] [--out <file.jsonl>]
                 [--snapshots <file.jsonl> [--lean]] [--resume] [--workers <n>] [--verbose]
  postloan db migrate [--database-url <url>] [--schema <name>]
  postloan ingest <history.json | book.jsonl | dir> [--as-of <YYYY-MM-DD>] [--database-url <url>]
  postloan show <loanId> [--as-of <YYYY-MM-DD>] [--compact] [--database-url <url>]
  postloan tasks [--party <p>] [--kind <k>] [--collector <c>] [--on <YYYY-MM-DD>] [--status <s,…>] [--limit <n>] [--json] [--database-url <url>]
  postloan eod --to <YYYY-MM-DD> [--chunk <n>] [--no-wait] [--database-url <url>] [--redis-url <url>]
  postloan worker [--concurrency <n>] [--until-idle] [--database-url <url>] [--redis-url <url>]`;
