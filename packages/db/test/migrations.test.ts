import { type Kysely, MysqlAdapter, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { advanceMessageIds, type Database } from '../src';
import { useMigratedDatabase } from './support/migrated-database';

describe('migrations for batched message writes', () => {
  const database = useMigratedDatabase();
  let db: Kysely<Database>;
  beforeAll(() => {
    db = database();
  });

  it('numbers messages from a sequence row that starts at the highest stored id', async () => {
    const row = await db
      .selectFrom('realtime_sequence')
      .select('last_id')
      .where('name', '=', 'messages')
      .executeTakeFirstOrThrow();
    expect(Number(row.last_id)).toBe(0);
    const last = await db.transaction().execute((trx) => advanceMessageIds(trx, 3));
    expect(last).toBe(3);
  });

  it('on MySQL/MariaDB, journal rows have no foreign key to their conversation (it would lock it)', async () => {
    const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
    const { rows } = mysql
      ? await sql<{ column_name: string; referenced_table: string }>`
          select column_name, referenced_table_name as referenced_table from information_schema.key_column_usage
          where table_schema = database() and table_name = 'realtime_events' and referenced_table_name is not null`.execute(
          db,
        )
      : await sql<{ column_name: string; referenced_table: string }>`
          select "from" as column_name, "table" as referenced_table from pragma_foreign_key_list('realtime_events')`.execute(
          db,
        );
    const keys = rows.map((row) => `${row.column_name} → ${row.referenced_table}`).sort();
    // SQLite keeps both keys: one writer at a time, no row locks to take in the wrong order.
    expect(keys).toEqual(
      mysql ? ['user_id → users'] : ['conversation_id → conversations', 'user_id → users'],
    );
  });
});
