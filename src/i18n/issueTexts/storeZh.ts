/**
 * The texts of the PostgreSQL store and the BullMQ end of day in Chinese (`storeText` in `errors/storeMessages.ts`).
 */
import type { storeText } from '../../errors/storeMessages';
import type { Translation } from '../../errors/issueText';

/**
 * `storeText` in Chinese.
 *
 * @example
 * ```ts
 * storeZh.notInStore('L-1').message; // '库中没有贷款 L-1'
 * ```
 */
export const storeZh: Translation<typeof storeText> = {
  snapshotNotJson: (loanId) => ({ message: `库中贷款 ${loanId} 的快照不是有效的 JSON`, hint: '该行数据在 postloan 之外被改动过：请用贷款历史重新导入该笔贷款' }),
  notADate: (text, example) => ({ message: `${text} 不是日期`, hint: `请按 YYYY-MM-DD 填写日期，例如 ${example}` }),
  packMismatch: (loanId, storedId, storedVersion, storedHash, id, version, hash) => ({
    message: `贷款 ${loanId} 入库时使用的规则包是 ${storedId} ${storedVersion}（${storedHash}），而不是 ${id} ${version}（${hash}）`,
    hint: '请用写入时的规则包打开贷款库，或用新规则包重新导入整批贷款',
  }),
  tooManyEvents: (count, max) => ({ message: `一次追加 ${count} 个事件，超过上限 ${max}`, hint: '请分几次追加' }),
  eventShape: () => ({
    message: '事件须为对象，含字符串编号 id 和日期 on',
    hint: '请给每个事件填写 id、type 和 on，例如 {"id":"p1","type":"payment","on":"2026-02-15","amount":"100.00"}',
  }),
  eventNul: (id) => ({ message: `事件 ${id} 含有 NUL 字符（U+0000），PostgreSQL 无法存储`, hint: '请从事件中删除 NUL 字符' }),
  eventConflict: (id, loanId) => ({
    message: `贷款 ${loanId} 的事件 ${id} 已以不同内容入库`,
    hint: '一个事件编号只代表一项事实：更正请使用新的编号（事件从不覆盖）',
  }),
  eventAfterAsOf: (id, on) => ({ message: `事件 ${id} 的日期为 ${on}，晚于截至日`, hint: '请以不早于事件日期的截至日追加该事件（在此之前它尚不可知）' }),
  otherLoanId: (given, loanId) => ({ message: `合同编号 ${given} 不是 ${loanId}`, hint: '请把事件追加到该合同对应的贷款' }),
  contractNul: (loanId) => ({ message: `贷款 ${loanId} 的合同含有 NUL 字符（U+0000），PostgreSQL 无法存储`, hint: '请从合同中删除 NUL 字符' }),
  notIngested: (loanId) => ({ message: `库中没有贷款 ${loanId}`, hint: '请先导入含贷款合同的贷款历史（postloan ingest history.json）' }),
  otherContract: (loanId) => ({
    message: `贷款 ${loanId} 已以另一份合同入库`,
    hint: '再次导入不会改变合同：请把变更记录为事件（重组、展期）',
  }),
  notInStore: (loanId) => ({ message: `库中没有贷款 ${loanId}`, hint: '请检查编号，或先导入其贷款历史' }),
  newerSchema: (schema, version, known) => ({
    message: `模式 "${schema}" 的版本为 ${version}，高于当前 postloan 所知的版本（${known}）`,
    hint: '请把 postloan 升级到执行该迁移的版本',
  }),
  notMigrated: (schema, version, needed) => ({
    message: version === 0 ? `模式 "${schema}" 中没有 postloan 的数据表` : `模式 "${schema}" 的版本为 ${version}，当前 postloan 需要 ${needed}`,
    hint: '请先运行 postloan db migrate（或 store.migrate()）',
  }),
  badSchemaName: (name) => ({ message: `"${name}" 不能用作模式名`, hint: '请使用以字母开头的小写字母、数字和下划线，例如 postloan' }),
  chunkSize: (size) => ({ message: `每批 ${size} 笔贷款超出允许范围`, hint: '每批请用 1 至 100000 笔贷款' }),
  snapshotTasks: (packId, version, missing) => ({
    message: `快照中提到了规则包 ${packId} ${version} 没有的任务规则：${missing.slice(0, 5).join('、')}`,
    hint: '请用生成快照时的规则包继续，或从头回放贷款历史',
  }),
};
