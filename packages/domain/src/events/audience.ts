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

/** One-to-one chats remembered; past this many, the oldest are read again when needed. */
const DIRECT_MEMBERS_KEPT = 50_000;

/**
 * The two members of each one-to-one chat. They never change (members are only added to or removed from groups), so
 * they are read once per process instead of once per message; any process may keep them, nothing to invalidate.
 * One per process (the runtime's `directMembers`).
 */
export class DirectMembers {
  private readonly known = new Map<number, number[]>();

  constructor(private readonly db: Kysely<Database>) {}

  async of(conversationId: number): Promise<number[]> {
    const cached = this.known.get(conversationId);
    if (cached) return cached;
    const members = await membersOf(this.db, conversationId);
    if (members.length === 2) {
      if (this.known.size >= DIRECT_MEMBERS_KEPT) {
        const oldest = this.known.keys().next();
        if (!oldest.done) this.known.delete(oldest.value);
      }
      this.known.set(conversationId, members);
    }
    return members;
  }
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
