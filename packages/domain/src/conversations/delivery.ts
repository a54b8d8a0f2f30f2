import type { DomainDeps } from '../deps';
import { notFound } from '../errors';
import { MESSAGE_NOT_FOUND } from '../messages/types';
import { publishReceipt } from '../realtime/publish';
import { requireMember } from './access';

/**
 * Records that `userId`'s device received the conversation up to `messageId`. Like the read mark it only moves
 * forward; when it moves, the message's sender gets a "delivered" receipt.
 */
export async function markDelivered(
  deps: DomainDeps,
  userId: number,
  conversationId: number,
  messageId: number,
): Promise<void> {
  await requireMember(deps.db, conversationId, userId);
  const message = await deps.db
    .selectFrom('messages')
    .select(['id', 'sender_id'])
    .where('id', '=', messageId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  if (!message) throw notFound(MESSAGE_NOT_FOUND);
  if (message.sender_id === userId) return;
  const moved = await deps.db
    .updateTable('conversation_members')
    .set({ last_delivered_message_id: messageId })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([eb('last_delivered_message_id', 'is', null), eb('last_delivered_message_id', '<', messageId)]),
    )
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) > 0) {
    await publishReceipt(deps, {
      conversationId,
      userId,
      messageId,
      kind: 'delivered',
      senderId: message.sender_id,
    });
  }
}
