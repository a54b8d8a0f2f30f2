import { randomUUID } from 'node:crypto';
import { type Log, silentLog } from '@chatapp/db';
import { Redis } from 'ioredis';
import type { PresenceTracker } from './presence';

/**
 * Presence shared through Redis. Each process keeps its own socket counts and, for each of its online users,
 * a field `<process id>` = expiry time in the hash `presence:u:<user>` plus a member `<user>:<process>` in the
 * sorted set `presence:expiry` (score = expiry). A heartbeat pushes the expiries forward; when a process dies its
 * entries stop being refreshed and the next sweep (by any process) removes them and reports who went offline.
 */
export interface RedisPresenceOptions {
  ttlMs?: number;
  heartbeatMs?: number;
  now?: () => number;
  log?: Log;
}

export async function createRedisPresence(
  redisUrl: string,
  keyPrefix: string,
  options: RedisPresenceOptions = {},
): Promise<PresenceTracker & { processId: string }> {
  const ttlMs = options.ttlMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const now = options.now ?? Date.now;
  const processId = randomUUID();
  // Reconnect attempts every half second at most: presence is mirrored again soon after Redis is back.
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => Math.min(attempt * 50, 500),
  });
  const log = options.log ?? silentLog;
  redis.on('error', (error) => log.warn({ err: error }, 'redis presence: connection error'));
  await redis.connect();
  const local = new Map<number, number>();
  const userKey = (userId: number) => `${keyPrefix}presence:u:${userId}`;
  const expiryKey = `${keyPrefix}presence:expiry`;

  async function isOnlineElsewhere(userId: number): Promise<boolean> {
    const fields = await redis.hgetall(userKey(userId));
    const t = now();
    return Object.entries(fields).some(([pid, expiry]) => pid !== processId && Number(expiry) > t);
  }

  async function refresh(userIds: number[]): Promise<void> {
    if (userIds.length === 0) return;
    const expiry = now() + ttlMs;
    const multi = redis.multi();
    for (const userId of userIds) {
      multi.hset(userKey(userId), processId, String(expiry));
      multi.pexpire(userKey(userId), ttlMs * 2);
      multi.zadd(expiryKey, expiry, `${userId}:${processId}`);
    }
    await multi.exec();
  }

  const heartbeat = setInterval(() => {
    refresh([...local.keys()]).catch((error: unknown) =>
      log.error({ err: error }, 'presence heartbeat failed'),
    );
  }, heartbeatMs);
  heartbeat.unref();
  // A Redis that restarted has forgotten everyone (it keeps nothing on disk): mirror this process's users again as
  // soon as it is back, rather than at the next heartbeat, so that nobody shows offline for a third of the TTL.
  redis.on('ready', () => {
    refresh([...local.keys()]).catch((error: unknown) =>
      log.error({ err: error }, 'presence: could not mirror users again after reconnecting'),
    );
  });

  return {
    processId,
    async connect(userId) {
      const count = (local.get(userId) ?? 0) + 1;
      local.set(userId, count);
      if (count > 1) return false;
      const elsewhere = await isOnlineElsewhere(userId);
      await refresh([userId]);
      return !elsewhere;
    },
    async disconnect(userId) {
      const count = (local.get(userId) ?? 0) - 1;
      if (count > 0) {
        local.set(userId, count);
        return false;
      }
      if (!local.delete(userId)) return false;
      await redis.multi().hdel(userKey(userId), processId).zrem(expiryKey, `${userId}:${processId}`).exec();
      return !(await isOnlineElsewhere(userId));
    },
    async onlineAmong(userIds) {
      if (userIds.length === 0) return new Set();
      const pipeline = redis.pipeline();
      for (const userId of userIds) pipeline.hvals(userKey(userId));
      const results = (await pipeline.exec()) ?? [];
      const t = now();
      const online = new Set<number>();
      results.forEach(([error, values], index) => {
        const userId = userIds[index];
        if (error || userId === undefined) return;
        if ((values as string[]).some((expiry) => Number(expiry) > t)) online.add(userId);
      });
      return online;
    },
    async sweep() {
      const expired = await redis.zrangebyscore(expiryKey, '-inf', now());
      const offline: number[] = [];
      for (const member of expired) {
        // Only the process whose ZREM removed the entry handles it, so each expiry is reported once.
        if ((await redis.zrem(expiryKey, member)) !== 1) continue;
        const [user, pid] = member.split(':');
        const userId = Number(user);
        await redis.hdel(userKey(userId), pid ?? '');
        if (!local.has(userId) && !(await isOnlineElsewhere(userId))) offline.push(userId);
      }
      return offline;
    },
    async close() {
      clearInterval(heartbeat);
      const users = [...local.keys()];
      local.clear();
      if (users.length) {
        const multi = redis.multi();
        for (const userId of users) {
          multi.hdel(userKey(userId), processId);
          multi.zrem(expiryKey, `${userId}:${processId}`);
        }
        await multi.exec().catch(() => undefined);
      }
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
