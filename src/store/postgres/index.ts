/**
 * postloan/postgres — a PostgreSQL system of record around the pure engine. `pg` is an optional peer
 * dependency: install it next to postloan and pass your Pool.
 */
export {
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
  type AppendOptions,
  type AppendResult,
  type AppendItem,
  type ChunkResult,
  type FailedLoan,
  type AdvanceSummary,
  type TaskQuery,
  type StoredTask,
  type StoredLoan,
  type Change,
} from './createPostgresStore';
export { MIGRATIONS, SCHEMA_VERSION, type Migration, type MigrateResult } from './migrations';
export { DEFAULT_SCHEMA } from './schemaName';
export { timelineIds, type IdentifiedEntry } from './timelineIds';
