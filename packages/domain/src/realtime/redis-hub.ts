import { silentLog } from '@chatapp/db';
import { Redis } from 'ioredis';
import { LocalFanout } from './fanout';
import {
  deliverReportingLag,
  type HubOrdering,
  preciseNow,
  type RealtimeHub,
  type StampedDelivery,
} from './hub';
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
  const log = ordering.log ?? silentLog;
  for (const client of [publisher, subscriber])
    client.on('error', (error) => log.warn({ err: error }, 'redis hub: connection error'));
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const fanout = new LocalFanout<TEvent>(log);
  const inOrder = new InOrderDelivery<TEvent>(
    ordering.lastJournalId,
    deliverReportingLag(fanout, ordering.onDeliveryLag),
    ordering.loadMissing,
    undefined,
    log,
  );

  subscriber.on('message', (from: string, payload: string) => {
    if (from !== channel) return;
    try {
      inOrder.push(JSON.parse(payload) as StampedDelivery<TEvent>);
    } catch (error) {
      log.error({ err: error }, 'dropped a malformed realtime message');
    }
  });
  await subscriber.subscribe(channel);

  return {
    async publish(delivery) {
      // Stamped with the publish time: each process measures how long the event took to reach it.
      const stamped: StampedDelivery<TEvent> = { ...delivery, publishedAt: preciseNow() };
      await publisher.publish(channel, JSON.stringify(stamped));
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
