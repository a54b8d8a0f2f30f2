import { type Kysely, sql } from 'kysely';

/**
 * A one-row sequence for realtime event ids. Writers increment it inside their transaction, which holds its row
 * lock until commit, so ids become visible in commit order. (An auto-increment id is assigned at insert time but
 * visible at commit: on MariaDB, id 11 could be seen before id 10, and a client resuming "after 11" would lose 10.)
 */
// Migrations must not depend on the evolving Database type: plain SQL for the seed row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('realtime_sequence')
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('last_id', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into realtime_sequence (name, last_id) values ('events', 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('realtime_sequence').execute();
}
