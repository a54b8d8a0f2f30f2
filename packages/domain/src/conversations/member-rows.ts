import type { ConversationMembersTable } from '@chatapp/db';
import type { Insertable } from 'kysely';

/**
 * New membership rows in the given order. `position` keeps that order for the legacy `conversation_user_ids`
 * string ("1,2," with the caller first for a one-to-one chat, the given order for a group).
 */
export function memberRows(
  conversationId: number,
  userIds: readonly number[],
  joinedAt: number,
  firstPosition = 0,
): Insertable<ConversationMembersTable>[] {
  return userIds.map((userId, index) => ({
    conversation_id: conversationId,
    user_id: userId,
    position: firstPosition + index,
    last_read_message_id: null,
    last_delivered_message_id: null,
    joined_at: joinedAt,
  }));
}
