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

/** Where a hub starts its in-order delivery, and how it reads back an event whose publisher vanished. */
export interface HubOrdering<TEvent> {
  lastJournalId: number;
  loadMissing(id: number): Promise<Delivery<TEvent> | null>;
}

export function createLocalHub<TEvent>(ordering: HubOrdering<TEvent>): RealtimeHub<TEvent> {
  const fanout = new LocalFanout<TEvent>();
  const inOrder = new InOrderDelivery<TEvent>(
    ordering.lastJournalId,
    (d) => fanout.deliver(d),
    ordering.loadMissing,
  );
  return {
    async publish(delivery) {
      inOrder.push(delivery);
    },
    listen: (userId, listener) => fanout.listen(userId, listener),
    observe: (observer) => fanout.observe(observer),
    deliveredThrough: () => inOrder.deliveredThrough,
    async close() {
      inOrder.close();
    },
  };
}
