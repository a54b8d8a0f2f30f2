import { type Log, silentLog } from '@chatapp/db';
import { Redis } from 'ioredis';
import type { BucketOp, BucketRule } from './bucket';
import type { RateLimitStore } from './store';

/**
 * bucket.ts's arithmetic as one Lua script, so that a bucket's read, refill and write are atomic however many
 * processes share it. The bucket expires once it would be full again (a full bucket is the same as none).
 */
const SCRIPT = `
local capacity = tonumber(ARGV[1])
local refill = capacity / tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local op = ARGV[4]
local state = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then tokens = capacity; at = now end
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * refill)
  at = now
end
local wait = 0
if op == 'penalize' then
  tokens = math.max(tokens - 1, -capacity)
elseif tokens >= 1 then
  if op == 'take' then tokens = tokens - 1 end
else
  wait = math.ceil((1 - tokens) / refill)
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / refill) + 1000)
return wait
`;

/**
 * Buckets shared through Redis (REDIS_URL): several processes enforce one limit. The processes' clocks are the
 * time base (each call passes its `now`), so they should be kept in sync (NTP), as the presence TTLs already need.
 * When Redis cannot be reached the request is allowed: a limit must not take the service down with it.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly log: Log,
  ) {}

  static async connect(
    redisUrl: string,
    keyPrefix: string,
    log: Log = silentLog,
  ): Promise<RedisRateLimitStore> {
    // While Redis is away a check fails at once (and lets the request through) instead of waiting for a reconnect.
    const redis = new Redis(redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => Math.min(attempt * 50, 500),
    });
    redis.on('error', (error) => log.warn({ err: error }, 'redis rate limits: connection error'));
    await redis.connect();
    return new RedisRateLimitStore(redis, `${keyPrefix}rl:`, log);
  }

  async apply(key: string, rule: BucketRule, op: BucketOp, now: number): Promise<number> {
    try {
      const wait = await this.redis.eval(SCRIPT, 1, this.prefix + key, rule.capacity, rule.windowMs, now, op);
      return Number(wait) || 0;
    } catch (error) {
      this.log.warn({ err: error }, 'rate limit not checked (redis)');
      return 0;
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
