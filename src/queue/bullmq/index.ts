/**
 * postloan/queue/bullmq — the end of day spread over worker processes with BullMQ (an optional peer
 * dependency), over a `postloan/postgres` store.
 */
export {
  EOD_QUEUE,
  DEFAULT_EOD_CHUNK,
  chunkJobId,
  enqueueEndOfDay,
  createEndOfDayWorker,
  endOfDayProgress,
  type EndOfDayJob,
  type EnqueueResult,
  type EndOfDayWorkerOptions,
  type EndOfDayProgress,
} from './endOfDay';
