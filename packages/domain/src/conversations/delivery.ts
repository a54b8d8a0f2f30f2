import type { DomainDeps } from '../deps';
import { notFound } from '../errors';
import { MESSAGE_NOT_FOUND } from '../messages/types';
import { requireMember } from './access';
import { recordReceipts } from './receipts';

/**
 * Records that `userId`'s device received the conversation up to `messageId` (an explicit ack). Like the read mark
 * it only moves forward; when it moves, the message's sender gets a "delivered" receipt.
 */
export async function markDelivered(
  deps: DomainDeps,
  userId: number,
  conversationId: number,
  messageId: number,
): Promise<void> {
  await requireMember(deps, conversationId, userId);
  const message = await deps.db
    .selectFrom('messages')
    .select(['id', 'sender_id'])
    .where('id', '=', messageId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  if (!message) throw notFound(MESSAGE_NOT_FOUND);
  if (message.sender_id === userId) return;
  await recordReceipts(deps, [
    { conversationId, userId, messageId, kind: 'delivered', senderId: message.sender_id },
  ]);
}
