import { type Delivery, type DeliveryListener, LocalFanout } from './fanout';

/**
 * Publishes each change once and delivers it to every local listener of its recipients. In-process by default;
 * the Redis hub makes several processes act as one.
 */
export interface RealtimeHub<TEvent = unknown> {
  publish(delivery: Delivery<TEvent>): Promise<void>;
  listen(userId: number, listener: DeliveryListener<TEvent>): () => void;
  close(): Promise<void>;
}

export function createLocalHub<TEvent>(): RealtimeHub<TEvent> {
  const fanout = new LocalFanout<TEvent>();
  return {
    async publish(delivery) {
      fanout.deliver(delivery);
    },
    listen: (userId, listener) => fanout.listen(userId, listener),
    async close() {},
  };
}
