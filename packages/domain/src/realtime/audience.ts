import { type Database, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';

/** Read for every published change, so built and compiled once. */
const membersQuery = preparedQuery((db, p: { conversationId: number }) =>
  db.selectFrom('conversation_members').select('user_id').where('conversation_id', '=', p.conversationId),
);

/** Who a conversation's events reach: its current members. */
export async function membersOf(db: Kysely<Database>, conversationId: number): Promise<number[]> {
  const rows = await membersQuery.rows(db, { conversationId });
  return rows.map((r) => r.user_id);
}

/** Users who share at least one conversation with `userId` (presence is only shown to them). */
export async function contactsOf(db: Kysely<Database>, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('conversation_members as mine')
    .innerJoin('conversation_members as theirs', 'theirs.conversation_id', 'mine.conversation_id')
    .select('theirs.user_id')
    .distinct()
    .where('mine.user_id', '=', userId)
    .where('theirs.user_id', '!=', userId)
    .execute();
  return rows.map((r) => r.user_id);
}
