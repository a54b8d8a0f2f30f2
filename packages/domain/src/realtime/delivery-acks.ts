import { markDelivered } from '../conversations/delivery';
import type { DomainDeps } from '../deps';
import type { MessageSnapshot } from './events';

/** Acks arriving within this window are coalesced into one per conversation (the newest message). */
const ACK_WINDOW_MS = 250;

/**
 * Acknowledges delivery on behalf of a socket that has just been sent a message: "delivered" receipts are on by
 * default, without the client having to ack. Done for one-to-one chats only; in groups a client acks explicitly
 * (`events.delivered`), so that a message to 1,000 members does not cost 1,000 writes.
 */
export class DeliveryAcker {
  private readonly pending = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: DomainDeps,
    private readonly userId: number,
  ) {}

  seen(snapshot: MessageSnapshot): void {
    const { message } = snapshot;
    if (snapshot.conversationIsGroup || message.sender_id === this.userId || message.status === 'delete')
      return;
    const newest = this.pending.get(message.conversation_id) ?? 0;
    if (message.id > newest) this.pending.set(message.conversation_id, message.id);
    this.timer ??= setTimeout(() => void this.flush(), ACK_WINDOW_MS);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const acks = [...this.pending];
    this.pending.clear();
    for (const [conversationId, messageId] of acks) {
      await markDelivered(this.deps, this.userId, conversationId, messageId).catch((error: unknown) => {
        // The user may have left the conversation meanwhile; a lost ack is not worth failing the socket.
        console.warn('delivery ack dropped', (error as Error).message);
      });
    }
  }
}
