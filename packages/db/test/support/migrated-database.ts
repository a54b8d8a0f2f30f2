import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../apps/server/test/support/database';
import { type Database, migrateToLatest, openDatabase } from '../../src';
import type { DatabaseHandle } from '../../src/connect';

/**
 * A fresh database with the product's schema for the calling suite: SQLite by default, or a database of its own
 * on the DATABASE_URL server (CI's MariaDB) when one is set; dropped after the suite. Read `db()` inside tests.
 */
export function useMigratedDatabase(): () => Kysely<Database> {
  const opened = useMigratedHandle();
  return () => opened().db;
}

/**
 * The same, with the database's URL (a suite that opens a second connection of its own) and how group commits run
 * on it.
 */
export function useMigratedHandle(): () => Pick<DatabaseHandle, 'db' | 'commitOptions'> & { url: string } {
  let testDb: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    handle = openDatabase(testDb.url);
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });
  return () => {
    if (!handle || !testDb) throw new Error('The test database is not open yet');
    return { db: handle.db, commitOptions: handle.commitOptions, url: testDb.url };
  };
}
