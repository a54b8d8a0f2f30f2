export { type DatabaseHandle, type DialectName, openDatabase } from './connect';
export { migrateToLatest } from './migrate';
export { insertedId, isUniqueViolation, violatedKey } from './queries';
export type * from './schema';
