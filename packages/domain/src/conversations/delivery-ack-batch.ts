import { type Log, silentLog } from '@chatapp/db';
import type { Receipt } from '../events/types';

/** Acks arriving within this window are written together, one per user and conversation (the newest message). */
const ACK_WINDOW_MS = 250;
/** Acks per write: half a group-commit batch, so the sends of that moment fit beside them. */
const ACKS_PER_WRITE = 32;

export type DeliveredReceipt = Extract<Receipt, { kind: 'delivered' }>;

/**
 * The "delivered" acks of every socket of the process (see acknowledgeDelivery), batched: within a window, one per
 * (user, conversation) survives, and they are written through the group commit by `write` (recordReceipts),
 * sharing transactions and journal sequence steps with the sends of that moment. Per message this is about one
 * UPDATE instead of a transaction per ack. One per process (the runtime's `deliveryAcks`); the runtime flushes it
 * at shutdown, before the database closes.
 */
export class DeliveryAckBatch {
  private pending = new Map<string, DeliveredReceipt>();
  private timer: NodeJS.Timeout | undefined;
  /**
   * The write in progress, if any. A flush during it waits for it and then takes what is pending by then: acks that
   * arrive faster than they are written coalesce (one per user and conversation) instead of queueing up writes.
   */
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (receipts: readonly DeliveredReceipt[]) => Promise<unknown>,
    private readonly log: Log = silentLog,
  ) {}

  add(receipt: DeliveredReceipt): void {
    const key = `${receipt.userId}:${receipt.conversationId}`;
    const newest = this.pending.get(key);
    if (!newest || receipt.messageId > newest.messageId) this.pending.set(key, receipt);
    this.timer ??= setTimeout(() => void this.flush(), ACK_WINDOW_MS);
  }

  /** Writes what is pending now, after any write in progress; resolves when it is written. Never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing) return this.writing.then(() => this.flush());
    const batch = [...this.pending.values()];
    this.pending.clear();
    if (batch.length === 0) return Promise.resolve();
    const written = this.writeInParts(batch).finally(() => {
      this.writing = null;
    });
    this.writing = written;
    return written;
  }

  /**
   * A few at a time, each after the last has committed: written all at once, a window's acks filled several
   * group-commit batches in a row and the sends that arrived meanwhile waited behind every one of them.
   */
  private async writeInParts(batch: readonly DeliveredReceipt[]): Promise<void> {
    for (let start = 0; start < batch.length; start += ACKS_PER_WRITE) {
      await this.write(batch.slice(start, start + ACKS_PER_WRITE)).catch((error: unknown) => {
        // A lost ack costs a "delivered" tick, never a message; it must not fail the sockets that caused it.
        this.log.warn({ err: error }, 'delivery acks dropped');
      });
    }
  }
}
