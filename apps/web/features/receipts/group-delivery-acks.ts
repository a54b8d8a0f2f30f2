/** How long acks for one conversation gather before one is sent: a burst of messages costs one request. */
const GATHER_MS = 250;

/**
 * "Delivered" for group messages. The server acknowledges one-to-one messages itself as it pushes them, but not
 * group ones (a message to 1,000 members would cost 1,000 writes): a client that has received a group message says
 * so with `events.delivered`. Marks only move forward, so one ack of the newest message received per conversation
 * covers the ones before it.
 */
export class GroupDeliveryAcks {
  private readonly newest = new Map<number, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (conversationId: number, messageId: number) => Promise<unknown>) {}

  received(conversationId: number, messageId: number): void {
    this.newest.set(conversationId, Math.max(this.newest.get(conversationId) ?? 0, messageId));
    this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
  }

  close(): void {
    clearTimeout(this.timer);
    this.newest.clear();
  }

  private flush(): void {
    this.timer = undefined;
    // A failed ack only leaves the tick at "Sent" until the message is read; nothing to retry.
    for (const [conversationId, messageId] of this.newest)
      void this.send(conversationId, messageId).catch(() => undefined);
    this.newest.clear();
  }
}
