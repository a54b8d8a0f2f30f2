import { type Log, silentLog } from '@chatapp/db';
import type { Delivery } from './fanout';

/**
 * Delivers durable events strictly in journal-id order, so the last id a subscriber saw is a true watermark:
 * resuming after it can never skip an event. Journal ids are gapless (the sequence is bumped inside the
 * writing transaction, so a rollback gives its id back) and every process sees every published event, so an
 * out-of-order arrival only means a lower id is still on its way: it is held back until that id arrives. If a
 * publisher died between commit and publish, the missing event is read back from the journal after `gapMs`.
 * Ephemeral events (id null) are never held.
 */
export class InOrderDelivery<TEvent> {
  private next: number;
  private readonly pending = new Map<number, Delivery<TEvent>>();
  /** Ids read back from the journal: if their late publish still arrives, it must not be delivered twice. */
  private readonly readBack = new Set<number>();
  private gapTimer: NodeJS.Timeout | undefined;

  constructor(
    lastDeliveredId: number,
    private readonly deliver: (delivery: Delivery<TEvent>) => void,
    private readonly loadMissing: (id: number) => Promise<Delivery<TEvent> | null>,
    private readonly gapMs = 2_000,
    private readonly log: Log = silentLog,
  ) {
    this.next = lastDeliveredId + 1;
  }

  /** Every durable event up to this id has been delivered (or read back, or was found missing). */
  get deliveredThrough(): number {
    return this.next - 1;
  }

  push(delivery: Delivery<TEvent>): void {
    if (delivery.id === null || delivery.id < this.next) {
      if (delivery.id !== null && this.readBack.delete(delivery.id)) return;
      this.deliver(delivery);
      return;
    }
    if (delivery.id > this.next) {
      this.pending.set(delivery.id, delivery);
      this.armGapTimer();
      return;
    }
    this.deliver(delivery);
    this.next += 1;
    this.drain();
  }

  private drain(): void {
    for (let ready = this.pending.get(this.next); ready; ready = this.pending.get(this.next)) {
      this.pending.delete(this.next);
      this.deliver(ready);
      this.next += 1;
    }
    if (this.pending.size === 0) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    }
  }

  private armGapTimer(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      const missing = this.next;
      this.loadMissing(missing)
        .catch((error: unknown) => {
          this.log.error({ err: error, eventId: missing }, 'realtime: could not read back an event');
          return null;
        })
        .then((delivery) => {
          if (this.next !== missing) return; // it arrived meanwhile
          if (delivery) {
            this.deliver(delivery);
            this.rememberReadBack(missing);
          }
          this.next += 1;
          this.drain();
          if (this.pending.size > 0) this.armGapTimer();
        });
    }, this.gapMs);
    this.gapTimer.unref();
  }

  private rememberReadBack(id: number): void {
    this.readBack.add(id);
    // Bounded: a publish later than thousands of further events will never come.
    if (this.readBack.size > 10_000) {
      const oldest = this.readBack.values().next().value;
      if (oldest !== undefined) this.readBack.delete(oldest);
    }
  }

  close(): void {
    clearTimeout(this.gapTimer);
  }
}
