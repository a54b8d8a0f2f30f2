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
  it.runIf(!/^(mysql|mariadb):/.test(process.env.DATABASE_URL ?? ''))(
    'on SQLite, client message ids are indexed only where present, unique per sender, and still looked up',
    async () => {
      const index = await sql<{ sql: string }>`
      select sql from sqlite_master where type = 'index' and name = 'messages_client_id_uq'`.execute(db);
      expect(index.rows[0]?.sql).toMatch(/where client_message_id is not null$/i);
      const plan = await sql<{ detail: string }>`
      explain query plan select * from messages where sender_id = 1 and client_message_id = 'x'`.execute(db);
      expect(plan.rows.map((row) => row.detail).join(' ')).toContain('USING INDEX messages_client_id_uq');
      const now = Date.now();
      const user = await db
        .insertInto('users')
        .values({
          username: 'partial',
          username_key: 'partial',
          email: 'partial@example.com',
          email_key: 'partial@example.com',
          first_name: '',
          last_name: '',
          password_hash: '',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const conversation = await db
        .insertInto('conversations')
        .values({
          title: 'x',
          is_group: 0,
          created_by: user.id,
          created_at: now,
          updated_at: now,
          last_activity_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const message = (client_message_id: string | null) => ({
        conversation_id: conversation.id,
        sender_id: user.id,
        type: 'text',
        body: 'hi',
        status: 'active',
        is_edited: 0,
        client_message_id,
        created_at: now,
        updated_at: now,
      });
      await db
        .insertInto('messages')
        .values([message(null), message(null), message('a')])
        .execute();
      await expect(db.insertInto('messages').values(message('a')).execute()).rejects.toThrow(/UNIQUE/);
    },
  );

  it('gives users a nullable last_seen_at that holds epoch milliseconds (migration 0008)', async () => {
    const now = Date.now();
    const user = (name: string, last_seen_at?: number) => ({
      username: name,
      username_key: name,
      email: `${name}@example.com`,
      email_key: `${name}@example.com`,
      first_name: '',
      last_name: '',
      password_hash: '',
      created_at: now,
      updated_at: now,
      ...(last_seen_at === undefined ? {} : { last_seen_at }),
    });
    await db
      .insertInto('users')
      .values([user('neverseen'), user('seen', now)])
      .execute();
    const rows = await db
      .selectFrom('users')
      .select(['username', 'last_seen_at'])
      .where('username_key', 'in', ['neverseen', 'seen'])
      .orderBy('username_key')
      .execute();
    expect(rows).toEqual([
      { username: 'neverseen', last_seen_at: null },
      { username: 'seen', last_seen_at: now },
    ]);
  });
});
