import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { MESSAGE_STATUS } from '../model/message';

/**
 * Unread messages per conversation for one user, in one grouped query: messages from others, after the user's
 * read mark, not deleted. Conversations with nothing unread are absent from the map. Conversation lists count
 * by the same rule inside their page query (selectCountedConversations in describe.ts).
 */
export async function countUnread(
  db: Kysely<Database>,
  userId: number,
  conversationIds: readonly number[],
): Promise<Map<number, number>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .innerJoin('conversation_members as member', (join) =>
      join.onRef('member.conversation_id', '=', 'messages.conversation_id').on('member.user_id', '=', userId),
    )
    .select(['messages.conversation_id', (eb) => eb.fn.countAll().as('unread')])
    .where('messages.conversation_id', 'in', [...conversationIds])
    .where('messages.sender_id', '!=', userId)
    .where('messages.status', '!=', MESSAGE_STATUS.deleted)
    // One range condition (ids are positive, so "never read" is "after 0"), not `IS NULL OR id > mark`: the engine
    // can then seek the (conversation_id, id) index to the read mark and visit only unread rows, instead of every
    // message of every listed conversation.
    .where('messages.id', '>', (eb) => eb.fn.coalesce('member.last_read_message_id', eb.lit(0)))
    .groupBy('messages.conversation_id')
    .execute();
  // COUNT(*) is a number on SQLite and a BIGINT (number or string, by driver settings) on MySQL.
  return new Map(rows.map((row) => [row.conversation_id, Number(row.unread)]));
}
