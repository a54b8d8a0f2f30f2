import type { Kysely } from 'kysely';

/**
 * A one-row sequence for realtime event ids. Writers increment it inside their transaction, which holds its row
 * lock until commit, so ids become visible in commit order. (An auto-increment id is assigned at insert time but
 * visible at commit: on MariaDB, id 11 could be seen before id 10, and a client resuming "after 11" would lose 10.)
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('realtime_sequence')
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('last_id', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('realtime_sequence').values({ name: 'events', last_id: 0 }).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('realtime_sequence').execute();
}
