import { type Kysely, sql } from 'kysely';

/**
 * Message ids come from a `realtime_sequence` row, like event ids: a batch of sends takes all its ids in one step
 * and writes its messages in one insert, and ids become visible in commit order (see advanceMessageIds). The row
 * starts at the highest stored id; advanceMessageIds also catches up with rows inserted by auto-increment since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into realtime_sequence (name, last_id) select 'messages', coalesce(max(id), 0) from messages`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from realtime_sequence where name = 'messages'`.execute(db);
}
