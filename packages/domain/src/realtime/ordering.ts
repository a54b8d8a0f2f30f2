import { type Log, silentLog } from '@chatapp/db';
import type { Delivery } from './fanout';

/**
 * Delivers durable events strictly in journal-id order, so the last id a subscriber saw is a true watermark:
 * resuming after it can never skip an event. Journal ids are gapless (the sequence is bumped inside the
 * writing transaction, so a rollback gives its id back) and every process sees every published event, so an
 * out-of-order arrival only means a lower id is still on its way: it is held back until that id arrives. If a
 * publisher died between commit and publish, the missing events are read back from the journal after `gapMs`;
 * after the hub lost its connection, `catchUp` reads back what was published meanwhile. Ephemeral events (id null)
 * are never held.
 */
export class InOrderDelivery<TEvent> {
  private next: number;
  private readonly pending = new Map<number, Delivery<TEvent>>();
  /** Ids read back from the journal: if their late publish still arrives, it must not be delivered twice. */
  private readonly readBack = new Set<number>();
  private gapTimer: NodeJS.Timeout | undefined;
  /** Reading back from the journal runs one id at a time, up to this id. */
  private readingBack = false;
  private readBackTarget = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

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

  /**
   * Reads back from the journal, in order, every event up to `latest` that has not arrived: after the hub's
   * connection came back (Redis restarted), the events published meanwhile never will. An event that does arrive
   * while this runs is delivered by `push` and skipped here; one read back whose publish still comes is dropped.
   */
  catchUp(latest: number): void {
    this.readBackTarget = Math.max(this.readBackTarget, latest);
    if (this.readingBack || this.closed) return;
    this.readingBack = true;
    void this.readBackLoop().finally(() => {
      this.readingBack = false;
      if (this.pending.size > 0 && !this.retryTimer) this.armGapTimer();
    });
  }

  private async readBackLoop(): Promise<void> {
    while (this.next <= this.readBackTarget && !this.closed) {
      const missing = this.next;
      let delivery: Delivery<TEvent> | null;
      try {
        delivery = await this.loadMissing(missing);
      } catch (error) {
        // The journal cannot be read now (the database is away): skipping the id would lose the event for good (a
        // client's last id would move past it), so later events stay held and the read is tried again.
        this.log.error({ err: error, eventId: missing }, 'realtime: could not read back an event; retrying');
        this.retryTimer ??= setTimeout(() => {
          this.retryTimer = undefined;
          this.catchUp(this.readBackTarget);
        }, this.gapMs);
        this.retryTimer.unref();
        return;
      }
      if (this.next !== missing) continue; // it arrived meanwhile
      if (delivery) {
        this.deliver(delivery);
        this.rememberReadBack(missing);
      }
      this.next += 1;
      this.drain();
    }
  }

  /**
   * A lower id than the held ones has not come for `gapMs`: its publisher died between commit and publish (or the
   * publish was lost). Everything below the first held event is read back at once, not one id per wait.
   */
  private armGapTimer(): void {
    if (this.gapTimer || this.readingBack) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      let firstHeld = Number.POSITIVE_INFINITY;
      for (const id of this.pending.keys()) firstHeld = Math.min(firstHeld, id);
      if (firstHeld !== Number.POSITIVE_INFINITY) this.catchUp(firstHeld - 1);
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
    this.closed = true;
    clearTimeout(this.gapTimer);
    clearTimeout(this.retryTimer);
  }
}
