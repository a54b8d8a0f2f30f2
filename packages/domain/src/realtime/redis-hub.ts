import { Redis } from 'ioredis';
import type { Delivery } from './fanout';
import { LocalFanout } from './fanout';
import type { HubOrdering, RealtimeHub } from './hub';
import { InOrderDelivery } from './ordering';

/**
 * Fan-out through Redis pub/sub: a change is published once to one channel, and every process (the publisher
 * included) delivers it to its own local listeners when it comes back. Local delivery happens only on the way
 * back, so each socket gets each event exactly once whichever process published it.
 */
export async function createRedisHub<TEvent>(
  redisUrl: string,
  keyPrefix: string,
  ordering: HubOrdering<TEvent>,
): Promise<RealtimeHub<TEvent>> {
  const channel = `${keyPrefix}realtime`;
  const publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
  // Without a listener ioredis reports connection errors as unhandled; it reconnects on its own.
  for (const client of [publisher, subscriber])
    client.on('error', (error) => console.warn('redis hub:', error.message));
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const fanout = new LocalFanout<TEvent>();
  const inOrder = new InOrderDelivery<TEvent>(
    ordering.lastJournalId,
    (d) => fanout.deliver(d),
    ordering.loadMissing,
  );

  subscriber.on('message', (from: string, payload: string) => {
    if (from !== channel) return;
    try {
      inOrder.push(JSON.parse(payload) as Delivery<TEvent>);
    } catch (error) {
      console.error('dropped a malformed realtime message', error);
    }
  });
  await subscriber.subscribe(channel);

  return {
    async publish(delivery) {
      await publisher.publish(channel, JSON.stringify(delivery));
    },
    listen: (userId, listener) => fanout.listen(userId, listener),
    observe: (observer) => fanout.observe(observer),
    deliveredThrough: () => inOrder.deliveredThrough,
    async close() {
      inOrder.close();
      subscriber.disconnect();
      await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}
