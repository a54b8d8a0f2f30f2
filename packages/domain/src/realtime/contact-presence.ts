import type { DomainDeps } from '../deps';

export interface ContactPresence {
  userId: number;
  online: boolean;
  /** When the user last went offline (epoch ms); null if never recorded. Kept while they are online again. */
  lastSeenAt: number | null;
}

/**
 * Presence of everyone who shares a conversation with `userId` (the only users presence is shown to), by id: the
 * snapshot a client takes once, then keeps current from `presence` events.
 */
export async function contactPresence(deps: DomainDeps, userId: number): Promise<ContactPresence[]> {
  const rows = await deps.db
    .selectFrom('conversation_members as mine')
    .innerJoin('conversation_members as theirs', 'theirs.conversation_id', 'mine.conversation_id')
    .innerJoin('users', 'users.id', 'theirs.user_id')
    .select(['users.id', 'users.last_seen_at'])
    .distinct()
    .where('mine.user_id', '=', userId)
    .where('theirs.user_id', '!=', userId)
    .orderBy('users.id')
    .execute();
  const online = await deps.runtime.presence.onlineAmong(rows.map((row) => row.id));
  return rows.map((row) => ({
    userId: row.id,
    online: online.has(row.id),
    lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at),
  }));
}
