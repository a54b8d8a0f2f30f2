import type { Kysely } from 'kysely';

/**
 * `conversation_members.muted`: 1 when the member muted the conversation (no notifications, not in their unread
 * total), 0 otherwise. Kept on the server, per member, so that it follows the user to every device. Plain
 * `add column … not null default 0` means the same on SQLite and MySQL/MariaDB, and fills existing rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversation_members')
    .addColumn('muted', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversation_members').dropColumn('muted').execute();
}
