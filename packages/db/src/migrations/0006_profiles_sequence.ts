import { type Kysely, sql } from 'kysely';

/**
 * A `profiles` row of `realtime_sequence`, stepped by every change to what others see of a user (names, email,
 * picture) in the transaction that makes it. Kept conversation pages hold their members' profiles and are served
 * only while this number is the one they were read under, on every process sharing the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into realtime_sequence (name, last_id) values ('profiles', 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from realtime_sequence where name = 'profiles'`.execute(db);
}
