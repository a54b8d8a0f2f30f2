import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * SQLite: the unique index on (sender_id, client_message_id) keeps only messages that carry a client id. Most carry
 * none (the legacy web client never sends one), yet each had an entry, at its sender's place in the index: one
 * more page for nearly every message of a commit to write. Retries are still found (`client_message_id = ?`
 * implies the index's condition) and ids are still unique per sender. MySQL/MariaDB have no partial indexes; there
 * the index stays as it is (it allows any number of NULLs as well).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`drop index messages_client_id_uq`.execute(db);
  await sql`create unique index messages_client_id_uq on messages (sender_id, client_message_id) where client_message_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`drop index messages_client_id_uq`.execute(db);
  await sql`create unique index messages_client_id_uq on messages (sender_id, client_message_id)`.execute(db);
}
