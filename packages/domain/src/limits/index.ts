export type { BucketRule } from './bucket';
export { MemoryRateLimitStore } from './memory-store';
export { RateLimits } from './rate-limits';
export { RedisRateLimitStore } from './redis-store';
export { NO_RATE_LIMITS, type RateLimitSettings, type RateRuleName } from './rules';
export type { RateLimitStore } from './store';
