import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { PostloanError, unwrap } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { formatIssues } from '../errors/formatIssues';
import type { Locale } from '../i18n/locale';
import { parseJson } from '../errors/parseJson';
import { cnDefaultPack } from '../rules/defaultPack';
import { loadPack, type CompiledPack } from '../rules/loadPack';
import type { AppendItem, AppendResult, PostgresStore } from '../store/postgres';
import { parseDay } from '../time/day';
import { todayIn } from './clock';
import { databaseError, databaseUrl, openDatabase } from './connections';
import { readPackDir } from './files';
import { readHistories } from './historyTexts';
import { cliText, usageErrorOf } from './cliMessages';
import { issueFrom, reissue } from '../errors/issueText';

/** Where the store commands write. */
export interface StoreIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** stderr is a terminal: progress lines. */
  readonly stderrIsTTY?: boolean;
  /** The language refused histories are reported in. */
  readonly locale?: Locale;
}

/** Options every store command takes. */
export const STORE_OPTIONS = {
  'database-url': { type: 'string' },
  schema: { type: 'string' },
  pack: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs node:util parseArgs, turning its exceptions into usage errors. */
export function usageOnError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw usageErrorOf(cliText.badArguments((e as Error).message, ''));
  }
}

export function checkedDate(text: string | undefined, flag: string): string | undefined {
  if (text === undefined) return undefined;
  if (parseDay(text) === undefined) {
    throw new PostloanError([
      issueFrom({ code: /^\d{4}-\d{2}-\d{2}$/.test(text) ? 'date.invalid' : 'date.format', path: flag }, cliText.badDate(text, 'calendar', flag, '2026-12-07')),
    ]);
  }
  return text;
}

export function packOf(dir: string | undefined): CompiledPack {
  return dir === undefined ? cnDefaultPack() : unwrap(loadPack(readPackDir(dir), { dir: `${dir.replace(/\/+$/, '')}/` }));
}

/** Opens the pool and the store, runs `work`, turns database failures into I/O errors, and closes the pool. */
export async function withStore<T>(values: { readonly 'database-url'?: string | undefined; readonly schema?: string | undefined }, pack: CompiledPack, work: (store: PostgresStore, pool: Pool) => Promise<T>): Promise<T> {
  const url = databaseUrl(values['database-url']);
  const { createPostgresStore } = await import('../store/postgres');
  const pool = await openDatabase(url);
  try {
    const store = createPostgresStore(pool, { pack, ...(values.schema === undefined ? {} : { schema: values.schema }) });
    return await work(store, pool);
  } catch (e) {
    throw databaseError(e, url);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

const count = (n: number): string => n.toLocaleString('en-US');

/** `postloan db migrate`. */
async function dbMigrate(args: readonly string[], io: StoreIo): Promise<number> {
  const { values, positionals } = usageOnError(() => parseArgs({ args: [...args], allowPositionals: true, options: STORE_OPTIONS }));
  if (positionals.length !== 1 || positionals[0] !== 'migrate') throw usageErrorOf(cliText.dbArgs(positionals.join(' ')));
  return withStore(values, packOf(values.pack), async (store) => {
    const r = await store.migrate();
    io.out(r.applied.length === 0 ? `Schema ${r.schema} is up to date (version ${r.version})\n` : `Schema ${r.schema}: applied migration ${r.applied.join(', ')}; now at version ${r.version}\n`);
    return 0;
  });
}

interface IngestTally {
  loans: number;
  created: number;
  resumed: number;
  replayed: number;
  unchanged: number;
  written: number;
  duplicates: number;
  refused: number;
}

function tallyResult(t: IngestTally, r: AppendResult): void {
  t.loans++;
  t[r.how]++;
  t.written += r.written;
  t.duplicates += r.duplicates;
}

/** A history line as an append: its loan id, contract and events; or what is wrong with it. */
function itemOf(text: string, where: string): AppendItem | PostloanIssue[] {
  const json = parseJson(text, where);
  if (!json.ok) return [...json.issues];
  const v = json.value;
  const loan = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)['loan'] : undefined;
  const events = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)['events'] : undefined;
  const id = typeof loan === 'object' && loan !== null ? (loan as Record<string, unknown>)['id'] : undefined;
  if (typeof id !== 'string') return [issueFrom({ code: 'input.invalid', file: where, path: 'loan.id' }, cliText.noLoanId())];
  if (events !== undefined && !Array.isArray(events)) return [issueFrom({ code: 'input.invalid', file: where, path: 'events' }, cliText.eventsNotArray())];
  return { loanId: id, loan, events: (events as unknown[] | undefined) ?? [] };
}

/** `postloan ingest`. */
async function ingest(args: readonly string[], io: StoreIo): Promise<number> {
  const { values, positionals } = usageOnError(() => parseArgs({ args: [...args], allowPositionals: true, options: { ...STORE_OPTIONS, 'as-of': { type: 'string' } } }));
  if (positionals.length !== 1) throw usageErrorOf(cliText.ingestArgs(positionals.length));
  const pack = packOf(values.pack);
  const asOf = checkedDate(values['as-of'], '--as-of') ?? todayIn(pack.timeZone);
  const reader = readHistories(positionals[0] as string);
  return withStore(values, pack, async (store) => {
    const t: IngestTally = { loans: 0, created: 0, resumed: 0, replayed: 0, unchanged: 0, written: 0, duplicates: 0, refused: 0 };
    const started = Date.now();
    const refuse = (issues: readonly PostloanIssue[]): void => {
      t.refused++;
      io.err(`${formatIssues(issues.slice(0, 20), undefined, io.locale)}\n`);
    };
    let batch: { item: AppendItem; where: string }[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const pending = batch;
      batch = [];
      const { results, refused } = await store.appendMany(
        pending.map((p) => p.item),
        { asOf },
      );
      for (const r of results) tallyResult(t, r);
      const whereOf = new Map(pending.map((p) => [p.item.loanId, p.where]));
      for (const r of refused) refuse(r.issues.map((i) => reissue(i, { file: whereOf.get(r.loanId) ?? r.loanId })));
      if (io.stderrIsTTY === true) io.err(`\ringest: ${count(t.loans)} loans, ${count(t.refused)} refused, ${Math.round(reader.fraction() * 100)}%\x1b[K`);
    };
    for (const h of reader.histories) {
      const where = h.where.line === undefined ? h.where.file : `${h.where.file}:${h.where.line}`;
      if ('issues' in h) {
        refuse(h.issues);
        continue;
      }
      const item = itemOf(h.text, where);
      if (Array.isArray(item)) refuse(item);
      else batch.push({ item, where });
      if (batch.length >= 200) await flush();
    }
    await flush();
    if (io.stderrIsTTY === true) io.err('\r\x1b[K');
    const seconds = (Date.now() - started) / 1000;
    io.out(
      `ingest: ${count(t.loans)} loans to ${asOf} (${count(t.created)} new, ${count(t.resumed)} brought forward, ${count(t.replayed)} replayed for back-dated events, ${count(t.unchanged)} unchanged); ` +
        `${count(t.written)} events written, ${count(t.duplicates)} already stored; ${count(t.refused)} refused; ${seconds.toFixed(1)} s\n`,
    );
    return t.refused > 0 ? 1 : 0;
  });
}

/** `postloan show <loanId>`. */
async function show(args: readonly string[], io: StoreIo): Promise<number> {
  const { values, positionals } = usageOnError(() => parseArgs({ args: [...args], allowPositionals: true, options: { ...STORE_OPTIONS, 'as-of': { type: 'string' }, compact: { type: 'boolean' } } }));
  if (positionals.length !== 1) throw usageErrorOf(cliText.showArgs(positionals.length));
  const asOf = checkedDate(values['as-of'], '--as-of');
  return withStore(values, packOf(values.pack), async (store) => {
    const output = await store.show(positionals[0] as string, asOf === undefined ? {} : { asOf });
    io.out(`${JSON.stringify(output, null, values.compact === true ? undefined : 2)}\n`);
    return 0;
  });
}

const STATUSES = ['open', 'breached', 'done', 'late', 'cancelled'] as const;

/** `postloan tasks`. */
async function tasks(args: readonly string[], io: StoreIo): Promise<number> {
  const { values, positionals } = usageOnError(() => parseArgs({ args: [...args], allowPositionals: true, options: {
    ...STORE_OPTIONS,
    party: { type: 'string' },
    kind: { type: 'string' },
    collector: { type: 'string' },
    on: { type: 'string' },
    status: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  } }));
  if (positionals.length > 0) throw usageErrorOf(cliText.noPositionals('tasks', positionals.join(' '), 'postloan tasks --party borrower --on 2026-12-07'));
  const pack = packOf(values.pack);
  const on = checkedDate(values.on, '--on') ?? todayIn(pack.timeZone);
  const status = values.status?.split(',').map((s) => s.trim());
  const unknown = status?.filter((s) => !(STATUSES as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0) throw usageErrorOf(cliText.unknownStatus(unknown, STATUSES));
  const limit = values.limit === undefined ? 10_000 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) throw usageErrorOf(cliText.wholeNumberUpTo('--limit', 1_000_000, String(values.limit), ''));
  return withStore(values, pack, async (store) => {
    const found = await store.tasks({
      limit: limit + 1,
      dueBy: on,
      ...(values.party === undefined ? {} : { party: values.party }),
      ...(values.kind === undefined ? {} : { kind: values.kind }),
      ...(values.collector === undefined ? {} : { collector: values.collector }),
      ...(status === undefined ? {} : { status: status as (typeof STATUSES)[number][] }),
    });
    const rows = found.slice(0, limit);
    const more = found.length > limit ? `; more than ${count(limit)} match: narrow with --party, --kind or --collector, or raise --limit` : '';
    if (values.json === true) {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      if (more !== '') io.err(`tasks: the first ${count(limit)} shown${more}\n`);
      return 0;
    }
    for (const t of rows) io.out(`${t.dueOn}  ${t.status.padEnd(8)}  ${t.loanId}  ${t.kind}  ${t.party}${t.assignee === undefined ? '' : ` ${t.assignee}`}  ${t.ruleId}  ${t.id}\n`);
    io.out(`${count(rows.length)} ${rows.length === 1 ? 'task' : 'tasks'} due by ${on}${more === '' ? '' : ` shown${more}`}\n`);
    return 0;
  });
}

/** The store commands: `db migrate`, `ingest`, `show`, `tasks`. Resolves to the exit code; throws PostloanError for the CLI to print. */
export async function runStoreCommand(command: 'db' | 'ingest' | 'show' | 'tasks', args: readonly string[], io: StoreIo): Promise<number> {
  switch (command) {
    case 'db':
      return dbMigrate(args, io);
    case 'ingest':
      return ingest(args, io);
    case 'show':
      return show(args, io);
    case 'tasks':
      return tasks(args, io);
  }
}

