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

/** One-to-one chats remembered per database; past this many, the oldest are read again when needed. */
const DIRECT_MEMBERS_KEPT = 50_000;
const directMembersByDb = new WeakMap<Kysely<Database>, Map<number, number[]>>();

/**
 * The two members of a one-to-one chat. They never change (members are only added to or removed from groups), so
 * they are read once per process instead of once per message; any process may cache them, nothing to invalidate.
 */
export async function directMembersOf(db: Kysely<Database>, conversationId: number): Promise<number[]> {
  let known = directMembersByDb.get(db);
  if (!known) {
    known = new Map();
    directMembersByDb.set(db, known);
  }
  const cached = known.get(conversationId);
  if (cached) return cached;
  const members = await membersOf(db, conversationId);
  if (members.length === 2) {
    if (known.size >= DIRECT_MEMBERS_KEPT) {
      const oldest = known.keys().next();
      if (!oldest.done) known.delete(oldest.value);
    }
    known.set(conversationId, members);
  }
  return members;
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
