import type { Log } from '@chatapp/db';
import { type Delivery, type DeliveryListener, type DeliveryObserver, LocalFanout } from './fanout';
import { InOrderDelivery } from './ordering';

/**
 * Publishes each change once and delivers it to every local listener of its recipients. In-process by default;
 * the Redis hub makes several processes act as one.
 */
export interface RealtimeHub<TEvent = unknown> {
  publish(delivery: Delivery<TEvent>): Promise<void>;
  listen(userId: number, listener: DeliveryListener<TEvent>): () => void;
  /**
   * Calls `observer` with every delivery on this process, before its listeners and whoever its recipients are:
   * what a process caches about users learns here that it changed.
   */
  observe(observer: DeliveryObserver<TEvent>): () => void;
  /** Every durable event up to this journal id has been delivered on this process (they come in id order). */
  deliveredThrough(): number;
  close(): Promise<void>;
}

/**
 * Where a hub starts its in-order delivery, how it reads back an event whose publisher vanished, and where it
 * reports: failures to `log`, and each delivery's lag (seconds from publish to local delivery) to `onDeliveryLag`.
 */
export interface HubOrdering<TEvent> {
  lastJournalId: number;
  loadMissing(id: number): Promise<Delivery<TEvent> | null>;
  /** The newest committed journal id now: a hub back from a lost connection reads back up to it. */
  latestJournalId(): Promise<number>;
  log?: Log;
  onDeliveryLag?: (seconds: number) => void;
}

/** A delivery stamped with when it was published (epoch ms; read back from the journal: unstamped). */
export type StampedDelivery<TEvent> = Delivery<TEvent> & { publishedAt?: number };

/** Epoch milliseconds with sub-millisecond precision: comparable between processes on one machine. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/** Local delivery that first reports how long the delivery took to get here since its publish. */
export function deliverReportingLag<TEvent>(
  fanout: LocalFanout<TEvent>,
  onDeliveryLag: ((seconds: number) => void) | undefined,
): (delivery: StampedDelivery<TEvent>) => void {
  if (!onDeliveryLag) return (delivery) => fanout.deliver(delivery);
  return (delivery) => {
    if (delivery.publishedAt !== undefined)
      onDeliveryLag(Math.max(0, preciseNow() - delivery.publishedAt) / 1000);
    fanout.deliver(delivery);
  };
}

export function createLocalHub<TEvent>(ordering: HubOrdering<TEvent>): RealtimeHub<TEvent> {
  const fanout = new LocalFanout<TEvent>(ordering.log);
  const inOrder = new InOrderDelivery<TEvent>(
    ordering.lastJournalId,
    deliverReportingLag(fanout, ordering.onDeliveryLag),
    ordering.loadMissing,
    undefined,
    ordering.log,
  );
  return {
    async publish(delivery) {
      // In-process, the lag is the time an early event waits for a lower id: stamped only when someone measures.
      const stamped: StampedDelivery<TEvent> = ordering.onDeliveryLag
        ? { ...delivery, publishedAt: preciseNow() }
        : delivery;
      inOrder.push(stamped);
    },
    listen: (userId, listener) => fanout.listen(userId, listener),
    observe: (observer) => fanout.observe(observer),
    deliveredThrough: () => inOrder.deliveredThrough,
    async close() {
      inOrder.close();
    },
  };
}
