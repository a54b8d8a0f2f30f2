import type { DomainDeps } from '../deps';
import type { MessageSnapshot } from './events';

/**
 * "Delivered" receipts are on by default: a socket that has just been pushed a message acknowledges it without the
 * client having to. Done for one-to-one chats only; in groups a client acks explicitly (`events.delivered`), so
 * that a message to 1,000 members does not cost 1,000 writes. Nothing needs checking: the pushed snapshot says who
 * sent it, and a user who has left meanwhile has no member row for the mark to move. Called by a transport after
 * pushing a new message to one of `userId`'s sockets; written with the process's other acks (DeliveryAckBatch).
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
