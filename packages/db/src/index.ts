export { type AtCommit, atCommit } from './at-commit';
export { inPowerOfTwoChunks } from './chunks';
export {
  type DatabaseHandle,
  type DatabaseOptions,
  type DialectName,
  openDatabase,
  type PoolStats,
} from './connect';
export { retryContended, type StorageFault, storageFault } from './faults';
export {
  type CommitBatch,
  type CommitStage,
  GroupCommit,
  type GroupCommitOptions,
  type TransactionWork,
} from './group-commit';
export { type Log, silentLog } from './log';
export { migrateToLatest } from './migrate';
export { ASSISTANT_EMAIL_KEY } from './migrations/0010_assistant_account';
export { listItem, type PreparedQuery, preparedQuery } from './prepared';
export { insertedId, isUniqueViolation, violatedKey } from './queries';
export type * from './schema';
export { advanceMessageIds, advanceSequence, readSequences } from './sequence';
