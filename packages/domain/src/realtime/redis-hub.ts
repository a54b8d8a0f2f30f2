import { Redis } from 'ioredis';
import type { Delivery } from './fanout';
import { LocalFanout } from './fanout';
import type { RealtimeHub } from './hub';

/**
 * Fan-out through Redis pub/sub: a change is published once to one channel, and every process (the publisher
 * included) delivers it to its own local listeners when it comes back. Local delivery happens only on the way
 * back, so each socket gets each event exactly once whichever process published it.
 */
export async function createRedisHub<TEvent>(
  redisUrl: string,
  keyPrefix: string,
): Promise<RealtimeHub<TEvent>> {
  const channel = `${keyPrefix}realtime`;
  const publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const fanout = new LocalFanout<TEvent>();

  subscriber.on('message', (from: string, payload: string) => {
    if (from !== channel) return;
    try {
      fanout.deliver(JSON.parse(payload) as Delivery<TEvent>);
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
    async close() {
      subscriber.disconnect();
      await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}
