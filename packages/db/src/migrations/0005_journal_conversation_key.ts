import { type Kysely, MysqlAdapter, sql } from 'kysely';

/**
 * MySQL/MariaDB: journal rows no longer have a foreign key to their conversation. Checking it took a shared lock on
 * the conversation row at the very end of a transaction, after the members' rows: a batch of receipts then held a
 * member's row while waiting for a conversation that a batch of sends held while waiting for that member's row
 * (a deadlock; see CommitStage for the one lock order). Conversations are never deleted, so the key's cascade
 * never ran, and every journal writer takes the conversation id from a conversation it has just read or written.
 * SQLite keeps the key: it has one writer at a time and no row locks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof MysqlAdapter)) return;
  const { rows } = await sql<{ name: string }>`
    select constraint_name as name from information_schema.key_column_usage
    where table_schema = database() and table_name = 'realtime_events' and column_name = 'conversation_id'
      and referenced_table_name = 'conversations'`.execute(db);
  for (const { name } of rows) {
    await sql`alter table realtime_events drop foreign key ${sql.id(name)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof MysqlAdapter)) return;
  await sql`alter table realtime_events add foreign key (conversation_id) references conversations (id) on delete cascade`.execute(
    db,
  );
}
