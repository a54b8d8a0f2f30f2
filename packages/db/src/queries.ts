/**
 * Kysely reports `insertId` as a bigint on both dialects (an InsertResult, or a prepared query's QueryResult);
 * ids are plain numbers everywhere else.
 */
export function insertedId(result: { readonly insertId?: bigint | undefined }): number {
  if (result.insertId === undefined) throw new Error('The database did not report an inserted id');
  return Number(result.insertId);
}

/** True when an error is a unique-key violation, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return (
    code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Names the unique index (MySQL: `for key 'users_email_key_uq'`) or column (SQLite: `users.email_key`) that a
 * violation hit. Only the key name is read, never the duplicated value, so a value cannot mislabel the error.
 */
export function violatedKey(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const mysql = /for key '([^']+)'/.exec(error.message);
  if (mysql?.[1]) return mysql[1];
  const sqlite = /UNIQUE constraint failed: (.+)$/.exec(error.message);
  return sqlite?.[1] ?? '';
}
