import type { Kysely } from 'kysely';

/**
 * `users.last_seen_at`: when the user last went offline (epoch milliseconds, like every other time), set where the
 * flip to offline is published (their last socket closed, or the sweeper found their process dead). NULL for a
 * user never seen going offline. Plain `add column` means the same on SQLite and MySQL/MariaDB.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('last_seen_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('last_seen_at').execute();
}
