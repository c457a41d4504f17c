/**
 * The CLI's texts in Chinese (`cliText` in `cli/cliMessages.ts`).
 */
import type { cliText, FileKind } from '../../cli/cliMessages';
import type { Translation } from '../../errors/issueText';
import { FIRST_INPUT_DAY, LAST_INPUT_DAY } from '../../time/day';

const KIND: Readonly<Record<FileKind, string>> = {
  directory: '目录',
  fifo: '命名管道（FIFO）',
  characterDevice: '字符设备',
  blockDevice: '块设备',
  socket: '套接字',
  other: '非普通文件',
};

const IO_WORDS: Readonly<Record<string, string>> = {
  ENOSPC: '设备空间不足',
  EACCES: '权限不足',
  EPERM: '不允许的操作',
  EISDIR: '它是目录',
  ENOENT: '目录不存在',
  ENOTDIR: '路径中有一段不是目录',
  EROFS: '只读文件系统',
  EDQUOT: '超出磁盘配额',
  EIO: '输入输出错误',
};

const INPUT_HINT = '请给出贷款历史的 JSONL 文件（postloan generate 可生成）、表示标准输入的 -、贷款历史文件（.json）或包含它们的目录';

/** The usage hint in Chinese. */
function help(example: string): string {
  return example === '' ? '用法见 `postloan --help`' : `用法见 \`postloan --help\`，例如 ${example}`;
}

/** `a`, `a 或 b`, `a、b 或 c`. */
function orList(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join('、')} 或 ${words[words.length - 1] ?? ''}`;
}

/** The messages node:util parseArgs throws, in Chinese; an unknown form is kept as written. */
function argumentsProblem(detail: string): string {
  const unknown = /^Unknown option '([^']*)'/.exec(detail);
  if (unknown !== null) return `未知的选项 ${unknown[1] ?? ''}${detail.includes("after '--'") ? '；以 - 开头的位置参数须放在命令末尾的 -- 之后' : ''}`;
  const missing = /^Option '([^']*)' argument missing/.exec(detail);
  if (missing !== null) return `选项 ${missing[1] ?? ''} 缺少取值`;
  const noValue = /^Option '([^']*)' does not take an argument/.exec(detail);
  if (noValue !== null) return `选项 ${noValue[1] ?? ''} 不带取值`;
  const ambiguous = /^Option '([^']*)' argument is ambiguous[\s\S]*use '([^']*)'/.exec(detail);
  if (ambiguous !== null) return `选项 ${ambiguous[1] ?? ''} 的取值有歧义：是否漏写了它的取值？以 - 开头的取值请写作 ${ambiguous[2] ?? ''}`;
  const positional = /^Unexpected argument '([^']*)'/.exec(detail);
  if (positional !== null) return `多余的参数 '${positional[1] ?? ''}'：此命令不接受位置参数`;
  return `命令行参数有误：${detail}`;
}

/**
 * `cliText` in Chinese.
 *
 * @example
 * ```ts
 * cliZh.noDatabase().message; // '未指定数据库'
 * ```
 */
export const cliZh: Translation<typeof cliText> = {
  ioError: (what, code, syscall) => ({ message: `${what === '' ? '文件' : what} 读写出错：${code}（${syscall}）`, hint: '请检查路径、权限和剩余空间' }),
  notRegular: (path, kind) => ({
    message: `无法读取 ${path}：它是${KIND[kind]}，postloan 只读取普通文件（大小已知，读取才会结束）`,
    hint: '请把数据复制到文件中，或通过标准输入传入并以 - 作为路径',
  }),
  cannotRead: (path, code, missing) => ({ message: `无法读取 ${path}：${missing ? '文件不存在' : (code ?? '出错')}`, hint: missing ? '请检查路径' : '请检查路径及其权限' }),
  readFailed: (path, code) => ({ message: `无法读取 ${path}：${code ?? '出错'}`, hint: '请检查文件和磁盘' }),
  tooLarge: (path, size, max) => ({ message: `${path} 有 ${size} 字节，超过上限 ${max} 字节`, hint: '请把输入拆成几个较小的文件' }),
  grewTooLarge: (path, max, total) => ({ message: `${path} 超过上限 ${max} 字节（读到 ${total} 字节时停止）`, hint: '请把输入拆成几个较小的文件' }),
  notUtf8: (file, byte, offset, line, column) => ({
    message: `${file} 不是有效的 UTF-8 编码：第 ${line} 行第 ${column} 列（字节偏移 ${offset}）处的字节为 ${byte}`,
    hint: 'postloan 只读取 UTF-8；中文 Windows 工具导出的文件常为 GBK/GB18030 编码，请先转换，例如 iconv -f GB18030 -t UTF-8 in.jsonl > out.jsonl',
  }),
  lineTooLong: (n, file, max) => ({
    message: `${file} 的第 ${n} 行超过单笔贷款历史 ${max} 字节的上限`,
    hint: '每行只放一笔贷款历史；请确认文件是 JSONL 格式（每行一个 JSON 文档）',
  }),
  danglingLink: (path) => ({ message: `${path} 是指向不存在文件的符号链接`, hint: '请用文件本身替换该链接' }),
  linkOutside: (path) => ({
    message: `${path} 是指向规则包目录之外文件的符号链接；规则包文件只从目录内部读取`,
    hint: '请把文件复制到规则包目录中，或用 "extends" 基于另一个规则包',
  }),
  packFileNotRegular: (path) => ({ message: `${path} 不是普通文件`, hint: '规则包文件应为规则包目录中的 .json 文件' }),
  cannotWrite: (path, code, detail, stdout) => ({
    message: `无法写入 ${path}：${code === undefined ? detail : `${IO_WORDS[code] ?? '出错'}（${code}）`}`,
    hint: stdout ? '请检查磁盘或标准输出所接的程序' : '请检查目录是否存在、可写且有剩余空间；原有文件（如有）未被改动',
  }),
  outputClash: (flag, path, input, otherFlag, otherPath) => ({
    message: `${flag} ${path} 是${input ? '输入' : '另一个输出'}（${otherFlag === '' ? '输入' : otherFlag} ${otherPath}）：写入它会破坏正在读取的内容，或使两个输出交错`,
    hint: '请把每个输出写到单独的文件，不要写到输入文件',
  }),
  locked: (path, pid, lockPath) => ({
    message: `${path} 正由另一个 postloan 进程写入（进程 ${pid}，锁文件 ${lockPath}）`,
    hint: `请等待该进程结束；若并无此进程（例如共享磁盘的另一台机器崩溃），请删除 ${lockPath}`,
  }),
  stdinTwice: () => ({ message: '标准输入（-）只能读取一次', hint: INPUT_HINT }),
  noSuchInput: (input) => ({ message: `无法读取 ${input}：文件或目录不存在`, hint: INPUT_HINT }),
  emptyDirectory: (input) => ({ message: `${input} 中没有 .json 或 .jsonl 文件`, hint: '请把贷款历史文件（每个 .json 文件一笔贷款，或每个 .jsonl 文件多笔）放入该目录' }),
  badDate: (value, problem, flag, example) => ({
    message: `"${value}" ${problem === 'calendar' ? '不是有效的日历日期' : `超出支持的日期范围 ${FIRST_INPUT_DAY} 至 ${LAST_INPUT_DAY}`}`,
    hint: `请按 YYYY-MM-DD 填写日期，例如 ${flag} ${example}`,
  }),
  internalForLoan: (loanId, error) => ({ message: `回放贷款 ${loanId} 时发生内部错误：${error}`, hint: '这是 postloan 的缺陷，请附上这份贷款历史报告给我们' }),
  noLoanId: () => ({ message: '贷款历史中没有贷款编号', hint: '贷款历史的格式为 {"loan": {"id": …, …}, "events": […]}' }),
  eventsNotArray: () => ({ message: 'events 不是数组', hint: '请把事件列在数组中' }),
  noDatabase: () => ({ message: '未指定数据库', hint: '请传入 --database-url postgres://user@host:5432/db，或设置 POSTLOAN_DATABASE_URL' }),
  notPostgresUrl: (url) => ({ message: `${url} 不是 PostgreSQL 地址`, hint: '请写作 postgres://user:password@host:5432/database' }),
  noRedis: () => ({ message: '未指定 Redis', hint: '请传入 --redis-url redis://host:6379，或设置 POSTLOAN_REDIS_URL' }),
  notRedisUrl: (url) => ({ message: `${url} 不是 Redis 地址`, hint: '请写作 redis://host:6379' }),
  databaseFailed: (url, reason) => ({
    message: `PostgreSQL（${url}）出错：${reason}`,
    hint: '请检查 --database-url（或 POSTLOAN_DATABASE_URL）、数据库服务是否运行以及该用户能否连接',
  }),
  noPg: () => ({ message: '未安装 pg 包', hint: '请执行 npm install pg（postloan 的 PostgreSQL 存储需要它）' }),
  noIoredis: () => ({ message: '未安装 ioredis 包', hint: '请执行 npm install bullmq ioredis（postloan 在 BullMQ 上执行日终处理需要它们）' }),
  redisUnreachable: (url, reason) => ({ message: `无法连接 Redis（${url}）：${reason}`, hint: '请检查 --redis-url（或 POSTLOAN_REDIS_URL）以及 Redis 是否运行' }),
  badArguments: (detail, example) => ({ message: argumentsProblem(detail), hint: help(example) }),
  unknownCommand: (command) => ({ message: `未知的命令 "${command}"`, hint: help('') }),
  helpArgs: (commands, given) => ({ message: `help 只接受一个命令名（${commands.join('、')}），实际为 "${given}"`, hint: help('') }),
  diagramArgs: (given) => ({ message: `diagram 只接受 --pack <目录>，实际为 "${given}"`, hint: help('') }),
  needsDatabaseBinary: (command) => ({ message: `${command} 需要连接数据库：请通过 postloan 可执行程序（mainAsync）运行，而不是 main`, hint: help('') }),
  needsStreamBinary: (command) => ({ message: `${command} 以流方式读取输入：请通过 postloan 可执行程序（mainAsync）运行，而不是 main`, hint: help('') }),
  oneHistory: (command, got, example) => ({ message: `${command} 只接受一个贷款历史文件，实际为 ${got} 个`, hint: help(example) }),
  oneBook: (command, got, example) => ({ message: `${command} 只接受一个 JSONL 文件或贷款历史目录，实际为 ${got} 个`, hint: help(example) }),
  onePack: (got, example) => ({ message: `validate 只接受一个规则包目录，实际为 ${got} 个`, hint: help(example) }),
  diffArgs: (got, example) => ({ message: `diff 需要两个规则包目录，其后是贷款历史（文件、JSONL 文件或目录），实际为 ${got} 个参数`, hint: help(example) }),
  badFormat: (choices, got, example) => ({ message: `--format 须为 ${orList(choices)}，实际为 "${got}"`, hint: help(example) }),
  wholeNumber: (flag, got, example) => ({ message: `${flag} 须为整数，实际为 "${got}"`, hint: help(example) }),
  wholeNumberUpTo: (flag, max, got, example) => ({ message: `${flag} 须为 1 至 ${max} 之间的整数，实际为 "${got}"`, hint: help(example) }),
  batchNeedsAsOf: (example) => ({ message: 'batch 需要 --as-of：每笔贷款回放到的业务日期', hint: help(example) }),
  diffNeedsAsOf: (example) => ({ message: 'diff 需要 --as-of <YYYY-MM-DD>：在两个规则包下把每笔贷款回放到的日期', hint: help(example) }),
  explainNeedsAsOf: (example) => ({ message: 'explain 需要 --as-of <YYYY-MM-DD>：要解释其决策的日期', hint: help(example) }),
  generateNeeds: (flags, example) => ({ message: `generate 需要 ${flags.join('、')}：种子、笔数和日期相同，生成的贷款组合就相同`, hint: help(example) }),
  reportNeeds: (flags, example) => ({ message: `report 需要 ${flags.join(' 和 ')}：报告期为 --from 之后至 --to（含）的各日`, hint: help(example) }),
  resumeNeedsOut: (example) => ({ message: '--resume 用于续写未完成运行的 --out 文件：请同时给出 --out <file.jsonl>', hint: help(example) }),
  leanNeedsSnapshots: (example) => ({ message: '--lean 用于精简快照：请同时给出 --snapshots <file.jsonl>', hint: help(example) }),
  outputInInput: (flag, path, input) => ({ message: `${flag} ${path} 位于输入目录 ${input} 内，下次运行会把它当作贷款历史读取`, hint: '请把输出写到其他目录' }),
  resumeMismatch: (histories, lines) => ({
    message: `输入只有 ${histories} 笔贷款历史，少于未完成输出中已有的 ${lines} 行：它不是上次运行的贷款组合`,
    hint: '请用相同的输入、规则包和 --as-of 续写，或不带 --resume 重新运行',
  }),
  noPositionals: (command, given, example) => ({ message: `${command} 不接受位置参数，实际为 "${given}"`, hint: example }),
  eodNeedsTo: () => ({ message: 'eod 需要把贷款推进到的日期', hint: 'postloan eod --to 2026-12-07' }),
  dbArgs: (given) => ({ message: `db 只接受一个子命令 migrate，实际为 "${given}"`, hint: 'postloan db migrate --database-url postgres://…' }),
  ingestArgs: (got) => ({ message: `ingest 只接受一个输入（贷款历史文件、JSONL 贷款组合或目录），实际为 ${got} 个`, hint: 'postloan ingest book.jsonl --as-of 2026-12-06' }),
  showArgs: (got) => ({ message: `show 只接受一个贷款编号，实际为 ${got} 个`, hint: 'postloan show L-2026-0001' }),
  provisionsHeld: (value) => ({ message: `"${value}" 不是带 2 位小数的金额文本`, hint: '例如 --provisions-held 1250000.00' }),
  packNotInForce: (pack, from, to, asOf) => ({
    message: `规则包 ${pack} 自 ${from} 起生效${to === undefined ? '' : `，至 ${to} 止`}；基准日 ${asOf} 不在生效期内`,
    hint: '请在两个规则包均生效的日期进行比较',
  }),
  duplicateHistory: (loanId, first, second) => ({
    message: `贷款 ${loanId} 已在 ${first} 有一份历史；这第二份历史（${second}）不回放，保留第一份`,
    hint: '贷款组合中每笔贷款只给一份历史：请合并两份历史，或更正其中一份的贷款编号',
  }),
  unknownStatus: (unknown, statuses) => ({ message: `未知的任务状态 ${unknown.map((s) => `"${s}"`).join('、')}`, hint: `请使用 ${statuses.join('、')} 中的一个或多个，以英文逗号分隔` }),
};
