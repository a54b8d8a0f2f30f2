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
  // A publish fails at once while Redis is away instead of holding the send that made it: the event is in the
  // journal, and every process reads it back when its subscription returns (below).
  // Reconnect attempts every half second at most, so that fan-out resumes soon after Redis is back.
  const retryStrategy = (attempt: number) => Math.min(attempt * 50, 500);
  const publisher = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, retryStrategy });
  const subscriber = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy });
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
  // After a lost connection (Redis restarted, a network cut) ioredis reconnects and resubscribes by itself, but what
  // was published meanwhile is gone: once subscribed again, read it back from the journal.
  subscriber.on('ready', () => {
    subscriber
      .subscribe(channel)
      .then(() => ordering.latestJournalId())
      .then((latest) => inOrder.catchUp(latest))
      .catch((error: unknown) =>
        log.error({ err: error }, 'redis hub: could not catch up after reconnecting'),
      );
  });
  let publishFailing = false;

  return {
    async publish(delivery) {
      // Stamped with the publish time: each process measures how long the event took to reach it.
      const stamped: StampedDelivery<TEvent> = { ...delivery, publishedAt: preciseNow() };
      try {
        await publisher.publish(channel, JSON.stringify(stamped));
        publishFailing = false;
      } catch (error) {
        // Durable events are in the journal already (the change committed): a failed publish delays them until
        // the subscriptions catch up, it does not fail the change. Ephemeral ones (typing, presence) are lost.
        if (!publishFailing)
          log.warn({ err: error }, 'redis hub: publish failed; the journal will fill the gap');
        publishFailing = true;
      }
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
