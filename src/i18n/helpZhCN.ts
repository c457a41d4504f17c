import type { CommandName } from '../cli/commandHelp';
import type { HelpTexts } from './catalogue';
import { SYNOPSIS } from './helpSynopsis';

// Options, file names, codes and JSON keys stay as typed: the user types them, whatever the locale.

const EXIT_INPUT = '  0 成功 · 1 输入无效或读写错误（贷款档案、规则包、日期、无法读写的文件）\n  2 用法错误 · 70 内部错误（程序缺陷） · 141 标准输出提前关闭（如 | head），静默退出';

const INPUTS = `输入文件：只接受普通文件（不接受 FIFO 或设备），须为 UTF-8 编码（GBK 文件会被拒绝并指出字节位置，
可用 iconv -f GB18030 -t UTF-8 转换）；.json 贷款档案不超过 20 MiB，JSONL 每行不超过 20 MiB。- 表示标准输入。`;

const STORE_OPTIONS = `  --database-url <url>  PostgreSQL 连接地址（默认：$POSTLOAN_DATABASE_URL）
  --schema <name>       存储所用的 schema（默认：postloan）
  --pack <dir>          规则包目录（默认：内置 cn-default 规则包）`;

const EXIT_STORE = '  0 成功 · 1 输入无效，或数据库、Redis 无法连接或未迁移（读写错误）\n  2 用法错误 · 70 内部错误（程序缺陷）';

const PAGES: Readonly<Record<CommandName, string>> = {
  replay: `用法：postloan replay <history.json | -> [--pack <dir>]… [--as-of <YYYY-MM-DD>] [--compact] [--format json|html]
                      [--reasons]

重放一笔贷款的事件档案，以 JSON 输出其状态、逾期档位、逾期天数、五级分类、余额、时间线和贷后任务。

选项：
  --pack <dir>     规则包目录（默认：内置 cn-default 规则包）；同一规则包的多个版本可重复指定，
                   各版本在其生效期内适用
  --as-of <date>   重放截至的业务日期（默认：规则包所在时区的今天）
  --compact        JSON 输出为一行
  --format <f>     json（默认）或 html：贷后档案页面，单个自包含文件
  --reasons        为每条时间线记录加上 "reasonText"：按 --lang 语言、由该记录的字段生成的说明
                   （不加此选项时，JSON 在任何语言下都完全相同）
  --lang <l>       zh-CN 或 en，用于页面、说明和提示信息（默认：LC_ALL、LC_MESSAGES、LANG，否则 en）

${INPUTS}

示例：
  node dist/cli.js replay examples/cured-m1.json --as-of 2026-04-20
  node dist/cli.js replay examples/cured-m1.json --as-of 2026-04-20 --reasons --lang zh-CN
  cat loan.json | node dist/cli.js replay - --as-of 2026-04-20

退出码：
${EXIT_INPUT}`,
  validate: `用法：postloan validate <packDir> [--json] [--strict]

检查规则包目录，一次列出全部格式问题和检查发现。

选项：
  --json           以 JSON 数组输出检查发现
  --strict         有警告也视为不通过

示例：
  node dist/cli.js validate rules/cn-default

退出码：
  0 有效（允许有警告） · 1 有错误，或加 --strict 时有警告 · 2 用法错误 · 70 内部错误`,
  diagram: `用法：postloan diagram [--pack <dir>]

以 Mermaid stateDiagram-v2 输出贷款生命周期状态图：内置状态图，或用 --pack 输出规则包自带的状态图
（pack.json 中的 "statechart"）。中文界面下，状态和迁移以中文标注（state "正常" as normal；规则包自有的
状态取其 meta.label），状态编号不变。

示例：
  node dist/cli.js diagram --lang zh-CN > lifecycle.mmd
  node dist/cli.js diagram --pack examples/extending/dealer-pack > dealer.mmd

退出码：
  0 成功 · 1 规则包无效 · 2 用法错误 · 141 标准输出提前关闭`,
  generate: `用法：postloan generate --seed <n> --loans <n> --as-of <YYYY-MM-DD> [--years <n>] [--out <file.jsonl>]

按随机种子生成模拟贷款组合，以 JSONL 输出，每行一笔贷款档案；种子、笔数和日期相同，输出逐字节相同。

选项：
  --seed <n>       随机种子，整数
  --loans <n>      贷款笔数
  --as-of <date>   档案截至日期
  --years <n>      放款分布在 --as-of 之前的若干年内（1–10，默认 3）
  --out <file>     写入该文件（先写 <file>.partial，完成后改名），而非标准输出

示例：
  node dist/cli.js generate --seed 42 --loans 1000 --as-of 2026-06-30 --out book.jsonl

退出码：
${EXIT_INPUT}`,
  report: `用法：postloan report <histories.jsonl | dir | -> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--pack <dir>]
               [--format json|csv|html] [--seed <text>] [--provisions-held <yuan>] [--currency <code>]

贷后资产组合报告，期间为 (--from, --to]：逾期率和不良率、回收与迁徙、拨备、贷后任务、委外机构、
监管抽样和新发放贷款抽查。有问题的档案列在 "errors" 中，其余照常纳入报告。

选项：
  --from, --to     报告期间：--from 之后至 --to（含）
  --pack <dir>     规则包目录（默认：cn-default）
  --format <f>     json（默认）、csv（带 BOM 的 UTF-8，供 Excel 打开）或 html（单个文件，SVG 图表）
  --seed <text>    抽样的随机种子（默认 "report <from> <to>"）
  --provisions-held <yuan>  实际计提的拨备（元），用于计算拨备覆盖率
  --currency <code>  只统计该币种（ISO 4217）的贷款。多币种的贷款组合按币种分别统计，绝不相加：
                   JSON 输出 "byCurrency"，CSV 和 HTML 须指定 --currency
  --lang <l>       zh-CN 或 en，用于 html 页面；csv 表头只在明确指定 --lang zh-CN 时为中文
                   （环境变量的语言设置不改变程序读取的列名）

${INPUTS}

示例：
  node dist/cli.js report book.jsonl --from 2026-05-31 --to 2026-06-30 --format html > report.html

退出码：
${EXIT_INPUT}
  （所有档案都有错误时也返回 1：此时报告未覆盖任何贷款）`,
  explain: `用法：postloan explain <history.json | -> --as-of <YYYY-MM-DD> [--pack <dir>] [--rule <id>] [--json]

解释 --as-of 当日有效的每项决策：每条规则的制度条款编号、条件、✓/✗、比较的数值和所用参数。

选项：
  --as-of <date>   要解释其决策的日期
  --pack <dir>     规则包目录（默认：cn-default）
  --rule <id>      只解释这条规则，不成立的规则也可以
  --json           以 JSON 输出

${INPUTS}

示例：
  node dist/cli.js explain examples/cured-m1.json --as-of 2026-04-20

退出码：
${EXIT_INPUT}`,
  diff: `用法：postloan diff <packA> <packB> <histories.json… | dir | histories.jsonl | -> --as-of <YYYY-MM-DD> [--json]

在规则包 A 和规则包 B 下分别重放每笔贷款，统计决策发生变化的贷款笔数，列出迁移表和贷款编号示例。
有问题的档案列在错误中，其余照常比较。

选项：
  --as-of <date>   两个规则包下重放截至的日期
  --json           以 JSON 输出

${INPUTS}
以 .json 结尾的路径为单笔档案，其他文件（及 -）按 JSONL 读取。

示例：
  node dist/cli.js diff rules/cn-default my-pack book.jsonl --as-of 2026-06-30

退出码：
${EXIT_INPUT}
  （所有档案都有错误时也返回 1：没有可比较的贷款）`,
  batch: `用法：postloan batch <histories.jsonl | dir | -> --as-of <YYYY-MM-DD> [--pack <dir>] [--out <file.jsonl>]
              [--snapshots <file.jsonl> [--lean]] [--resume] [--workers <n>] [--verbose]

在工作线程上把每笔贷款重放到 --as-of，按输入顺序每笔输出一行紧凑 JSON。有问题的档案，或已出现过的
贷款编号的第二份档案（保留第一份），输出为一行 {"error": …}，注明文件、行号和贷款；其余照常运行。

选项：
  --as-of <date>       每笔贷款重放截至的业务日期
  --pack <dir>         规则包目录（默认：cn-default）
  --out <file>         输出写入该文件，而非标准输出
  --snapshots <file>   同时写出每笔贷款的快照，与输出逐行对应
  --lean               精简快照（不含时间线和已关闭任务），用于夜间批量推进
  --resume             接续被中断或失败的运行留下的 <file>.partial 文件
  --workers <n>        工作线程数，1 至 64（默认：CPU 核数；1 表示在本进程内运行）
  --verbose            标准错误不是终端时也输出汇总行

输出先写入 <file> 旁的 <file>.partial，全部完成后改名，程序崩溃时原文件仍在；<file>.lock（记录进程号）
防止两个运行写同一文件。输出文件与输入文件或另一输出文件相同时拒绝运行。

${INPUTS}

示例：
  node dist/cli.js batch book.jsonl --as-of 2026-06-30 --out outputs.jsonl --snapshots snapshots.jsonl

退出码：
  0 全部贷款重放成功 · 1 输出中有错误行，或输入无效，或读写错误
  2 用法错误 · 70 内部错误（程序缺陷） · 141 标准输出提前关闭，静默退出`,
  db: `用法：postloan db migrate [--database-url <url>] [--schema <name>]

在 PostgreSQL 中创建或升级存储所需的表（版本化迁移，在咨询锁下以一个事务执行，两台主机同时迁移也安全）。
使用其他存储命令之前先运行此命令。

选项：
${STORE_OPTIONS}

示例：
  node dist/cli.js db migrate --database-url postgres://postloan@127.0.0.1:5432/lending

退出码：
${EXIT_STORE}`,
  ingest: `用法：postloan ingest <history.json | book.jsonl | dir | -> [--as-of <YYYY-MM-DD>] [--database-url <url>]

存入贷款合同及其事件（幂等：内容相同的已存事件跳过，编号相同而内容不同的事件拒绝），并把每笔贷款
推进到截至日期。

选项：
  --as-of <date>        每笔贷款推进到的日期（默认：规则包所在时区的今天）
${STORE_OPTIONS}

示例：
  node dist/cli.js ingest book.jsonl --as-of 2026-12-07

退出码：
${EXIT_STORE}`,
  show: `用法：postloan show <loanId> [--as-of <YYYY-MM-DD>] [--compact] [--database-url <url>]

输出一笔已存贷款的重放结果：与对其完整档案运行 postloan replay 的 JSON 相同。

选项：
  --as-of <date>        查看的日期（默认：贷款已推进到的日期）
  --compact             JSON 输出为一行
${STORE_OPTIONS}

示例：
  node dist/cli.js show L-2026-0001

退出码：
${EXIT_STORE}`,
  tasks: `用法：postloan tasks [--party <p>] [--kind <k>] [--collector <c>] [--on <YYYY-MM-DD>] [--status <s,…>] [--limit <n>] [--json]

列出截至某日到期的已存贷后任务（默认只列待办），一次索引查询。加 --collector 时为该催收员的每日任务清单
（P-CS-10）：分配给该催收员、截至该日到期的任务（当日催收反馈须在当天 17:00 前提交），以及此前已超期的任务。

选项：
  --party <p>           只列该对象的任务（borrower 借款人、guarantor 担保人、collector 催收员 …）
  --kind <k>            只列该类型的任务
  --collector <c>       只列分配给该催收员的任务（assigned 事件中的 collectorId）
  --on <date>           到期日不晚于该日（默认：规则包所在时区的今天）
  --status <s,…>        open 待办、breached 超期未办、done 已完成、late 逾期完成、cancelled 已取消（逗号分隔）
  --limit <n>           最多 n 行（默认 10000；超出时会说明）
  --json                以 JSON 输出，而非表格
${STORE_OPTIONS}

示例：
  node dist/cli.js tasks --party borrower --on 2026-12-07
  node dist/cli.js tasks --collector C-7 --on 2026-12-07

退出码：
${EXIT_STORE}`,
  eod: `用法：postloan eod --to <YYYY-MM-DD> [--chunk <n>] [--no-wait] [--database-url <url>] [--redis-url <url>]

日终处理：把截至该日需处理的贷款（next_review_on）分批放入 BullMQ 队列，等待工作进程全部推进完毕；
在终端上显示进度，最后输出汇总（应处理、已推进、已跳过、失败及原因）。同一日重复入队不会重复添加。

选项：
  --to <date>           把到期贷款推进到的业务日期
  --chunk <n>           每个作业的贷款笔数
  --no-wait             入队后即返回，不等待
  --redis-url <url>     Redis 连接地址（默认：$POSTLOAN_REDIS_URL）
  --queue <name>        队列名称
${STORE_OPTIONS}

示例：
  node dist/cli.js eod --to 2026-12-07

退出码：
  0 全部到期贷款推进成功 · 1 有失败（列出原因），或数据库、Redis 错误
  2 用法错误 · 70 内部错误（程序缺陷）`,
  worker: `用法：postloan worker [--concurrency <n>] [--until-idle] [--database-url <url>] [--redis-url <url>]

处理队列中的日终批次；可在任意多台机器上运行任意多个。每个批次在一个事务中提交，已推进到目标日期的
贷款会跳过，因此重试的批次不会重复生效。

选项：
  --concurrency <n>     本进程同时处理的批次数
  --until-idle          队列中没有等待或运行中的作业时退出
  --lock-ms <n>         一个批次被占用多久后可由其他工作进程接手
  --verbose             每个批次输出一行
  --redis-url <url>     Redis 连接地址（默认：$POSTLOAN_REDIS_URL）
  --queue <name>        队列名称
${STORE_OPTIONS}

示例：
  node dist/cli.js worker --until-idle

退出码：
${EXIT_STORE}`,
};

/**
 * The simplified-Chinese help: `postloan --help` and the command pages.
 *
 * @example
 * ```ts
 * helpZhCN.page.diagram.startsWith('用法：postloan diagram'); // true
 * ```
 */
export const helpZhCN: HelpTexts = {
  main: (version: string) => `postloan ${version} — 贷后管理：按事件档案重放贷款

用法：
${SYNOPSIS}
  postloan <command> --help | postloan help <command>   （命令的用法、选项、示例和退出码）
  postloan --help | --version

命令：
  replay   重放一笔贷款档案，以 JSON 输出状态、逾期档位、逾期天数、五级分类、余额、时间线和贷后任务。
  validate 检查规则包目录，一次列出全部格式问题和检查发现（逾期天数区间缺口和重叠、永不触发或被遮蔽的
           规则、未使用的参数和任务类型、未覆盖的制度条款、需要每日评估的事实）。
           退出码 0 有效（允许有警告） · 1 有错误，或加 --strict 时有警告 · 2 用法错误。
  diagram  以 Mermaid stateDiagram-v2 输出贷款生命周期状态图。
  generate 按随机种子生成模拟贷款组合，以 JSONL 输出，每行一笔贷款档案。
  report   期间 (--from, --to] 的资产组合报告：逾期率和不良率、回收与迁徙、拨备、贷后任务、委外机构、
           监管抽样和新发放贷款抽查（P-PF-1…6、P-IN-8）。有问题的档案列在 "errors" 中，其余照常报告。
  batch    在全部 CPU 核上（工作线程；--workers 1 在本进程内）把 JSONL 文件或目录中的每笔贷款重放到
           --as-of，按输入顺序每笔输出一行紧凑 JSON；--snapshots 同时逐行写出每笔贷款的快照（--lean：
           不含时间线和已关闭任务，用于夜间推进）。有问题的档案输出为一行 {"error": …}，注明文件、行号、
           贷款和 JSON 路径，其余照常运行：退出码 0 全部成功 · 1 有错误行 · 2 用法错误。
           只在标准错误是终端时显示进度条和汇总（含峰值内存）（--verbose：总是输出汇总）。
  explain  解释 --as-of 当日有效的每项决策（逾期档位、五级分类、状态、风险等级、管理模式、催收分群、
           操作许可、贷后任务）：每条规则的制度条款编号、说明和条件、✓/✗、比较的数值和所用参数。
           --rule <id> 只解释这条规则，不成立的规则也可以。
  diff     在规则包 A 和 B 下分别重放每笔贷款，统计状态、逾期档位、五级分类、风险等级、管理模式、
           催收分群或贷后任务发生变化的贷款，列出迁移表和贷款编号示例。有问题的档案列在错误中。
  db migrate  创建或升级 PostgreSQL 存储的表结构（版本化迁移）。
  ingest   把档案追加到存储（幂等：已存事件跳过，编号相同而内容不同的事件拒绝），并把每笔贷款推进到
           --as-of；补录的早期事件会从已存事件重放该贷款。
  show     输出一笔已存贷款，与 \`postloan replay\` 对其完整档案的输出相同。
  tasks    截至 --on（默认今天）到期的未完成任务，可按对象或类型筛选。
  eod      在 BullMQ 上排入日终处理（到期贷款分批）并等待工作进程完成；汇总：应处理、已推进、已跳过、
           失败及原因。
  worker   处理日终批次（可在任意多台机器上运行任意多个）。
           存储和队列命令接受 --database-url（POSTLOAN_DATABASE_URL）、--schema（默认 postloan）和
           --redis-url（POSTLOAN_REDIS_URL）。

选项：
  --pack <dir>     规则包目录（默认：内置 cn-default 规则包）
  --as-of <date>   重放截至的业务日期（默认：规则包所在时区的今天）
  --compact        JSON 输出为一行
  --json           validate：以 JSON 数组输出检查发现；explain、diff：以 JSON 输出
  --rule <id>      explain：只解释这条规则
  --strict         validate：有警告也不通过
  --seed <s>       generate：整数；report：抽样的种子（默认 "report <from> <to>"）
  --out <file>     generate：把 JSONL 写入文件而非标准输出
  --format <f>     report：json（默认）、csv（带 BOM 的 UTF-8，供 Excel）或 html（单个文件，SVG 图表）
  --format <f>     replay：json（默认）或 html（贷后档案页面）
  --reasons        replay：为每条时间线记录加上 "reasonText" 说明，语言按 --lang
  --lang <l>       zh-CN 或 en，适用于所有命令（默认：LC_ALL、LC_MESSAGES、LANG，否则 en）
  -h, --help       显示本帮助
  -v, --version    显示版本号

文件：- 表示标准输入；输入须为 UTF-8 编码的普通文件（.json 档案不超过 20 MiB，JSONL 每行不超过 20 MiB）；
输出先写入 <file>.partial（由 <file>.lock 保护），完成后改名。

退出码：0 成功 · 1 输入无效或读写错误（档案、规则包、日期、文件） · 2 用法错误
        70 内部错误 · 141 标准输出提前关闭（| head），静默退出`,
  page: PAGES,
};
