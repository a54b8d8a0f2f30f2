import type { DomainDeps } from '../deps';
import { notFound } from '../errors';
import type { MessageSnapshot } from '../events/types';
import { MESSAGE_NOT_FOUND } from '../model/message';
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

/**
 * "Delivered" receipts are on by default: a socket that has just been pushed a message acknowledges it without the
 * client having to. Done for one-to-one chats only; in groups a client acks explicitly (`events.delivered`), so
 * that a message to 1,000 members does not cost 1,000 writes. Nothing needs checking: the pushed snapshot says who
 * sent it, and a user who has left meanwhile has no member row for the mark to move. Called by a connection after
 * its transport pushed a new message to `userId`; written with the process's other acks (DeliveryAckBatch).
 */
export function acknowledgeDelivery(deps: DomainDeps, userId: number, snapshot: MessageSnapshot): void {
  const { message } = snapshot;
  if (snapshot.conversationIsGroup || message.sender_id === userId || message.status === 'delete') return;
  deps.runtime.deliveryAcks.add({
    conversationId: message.conversation_id,
    userId,
    messageId: message.id,
    kind: 'delivered',
    senderId: message.sender_id,
  });
}
