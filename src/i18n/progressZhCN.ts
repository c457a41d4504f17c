import { count as n, type ProgressTexts } from './progressTexts';

/**
 * The Chinese progress and summary lines of `batch`, `eod` and `worker`; the command name that starts
 * a line stays as typed.
 *
 * @example
 * ```ts
 * progressZhCN.batchBar(8400, 1235, 3); // '8,400 笔  1,235 笔/秒  3 笔出错'
 * ```
 */
export const progressZhCN: ProgressTexts = {
  batchBar: (loans, rate, errors) => `${n(loans)} 笔  ${n(rate)} 笔/秒${errors === 0 ? '' : `  ${n(errors)} 笔出错`}`,
  batchSummary: (loans, errors, seconds, rate, memoryMiB) =>
    `batch：${n(loans)} 笔贷款，${n(errors)} 笔出错，用时 ${seconds.toFixed(1)} 秒，${n(rate)} 笔/秒${memoryMiB === undefined ? '' : `，内存峰值 ${n(memoryMiB)} MiB`}`,
  batchResuming: (out, kept) => `batch：接续 ${out}，保留上次运行已完整写出的 ${kept} 行`,
  batchNothingToResume: (out) => `batch：${out} 没有可接续的内容，将运行整个贷款簿`,
  batchStartingOver: (partials) => `batch：重新开始；上次运行未完成的输出（${partials}）将被替换（如需接续，请加 --resume）`,
  batchFailed: (errors, loans) => `⚠ ${loans} 份贷款历史中有 ${errors} 份无法回放，已在输出中写为错误行；其余均已回放`,
  batchFailureKind: (k, message, first) => `  ${n(k)} × ${message}（首例：${first}）`,
  batchMoreKinds: (kinds) => `  … 另有 ${n(kinds)} 类问题`,
  eodEnqueued: (to, due, chunks, queue) => `eod ${to}：${n(due)} 笔贷款到期，已分 ${n(chunks)} 批加入队列 ${queue}`,
  eodProgress: (to, done, chunks, advanced, failed, seconds) => `eod ${to}：已完成 ${n(done)}/${n(chunks)} 批，推进 ${n(advanced)} 笔，失败 ${n(failed)} 笔，用时 ${seconds.toFixed(0)} 秒`,
  eodSummary: (to, due, advanced, skipped, failed, chunks, seconds) =>
    `eod ${to}：${n(due)} 笔贷款到期，推进 ${n(advanced)} 笔，跳过 ${n(skipped)} 笔（已在该日），失败 ${n(failed)} 笔；共 ${n(chunks)} 批，用时 ${seconds.toFixed(1)} 秒`,
  eodReason: (k, reason, ids) => `  ${n(k)} × ${reason}（例如 ${ids.join('、')}）`,
  workerChunk: (loans, to, advanced, skipped, failed) => `worker：一批 ${n(loans)} 笔推进至 ${to}：推进 ${n(advanced)} 笔，跳过 ${n(skipped)} 笔，失败 ${n(failed)} 笔`,
  workerSummary: (chunks, advanced, skipped, failed, cpuSeconds) =>
    `worker：${n(chunks)} 批，推进 ${n(advanced)} 笔贷款，跳过 ${n(skipped)} 笔，失败 ${n(failed)} 笔；CPU 用时 ${cpuSeconds.toFixed(1)} 秒`,
};
