import type { Env } from '@chatapp/config';
import type { Log } from '@chatapp/db';
import { limits } from '@chatapp/domain';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Every door's limit from the environment (packages/config's rateLimitEnv); RATE_LIMITS=false turns them off. */
export function rateLimitSettingsFrom(env: Env): limits.RateLimitSettings {
  if (!env.RATE_LIMITS) return limits.NO_RATE_LIMITS;
  const perMinute = (capacity: number) => ({ capacity, windowMs: MINUTE_MS });
  const perHour = (capacity: number) => ({ capacity, windowMs: HOUR_MS });
  const failures = env.LOGIN_FAILURES_BEFORE_LOCKOUT;
  const lockoutMs = env.LOGIN_LOCKOUT_SECONDS * 1000;
  return {
    signInPerAddress: perMinute(env.LOGIN_PER_ADDRESS_PER_MINUTE),
    signInPerAccount: perMinute(env.LOGIN_PER_ACCOUNT_PER_MINUTE),
    // One failure is forgiven per lockout period: `windowMs` refills the whole capacity.
    signInFailuresPerAccount: { capacity: failures, windowMs: failures * lockoutMs },
    // An address may hold several people (an office behind one NAT): more failures before it waits.
    signInFailuresPerAddress: { capacity: failures * 4, windowMs: failures * lockoutMs },
    signUpPerAddress: perHour(env.SIGNUP_PER_ADDRESS_PER_HOUR),
    sendsPerUser: perMinute(env.SENDS_PER_USER_PER_MINUTE),
    invitationsPerUser: perHour(env.INVITES_PER_HOUR),
    invitationsPerRecipient: perHour(env.MAILS_PER_RECIPIENT_PER_HOUR),
    assistantPerUser: perMinute(env.AI_REQUESTS_PER_MINUTE),
  };
}

/** The process's limits: buckets in memory, or in Redis (shared by every process) when REDIS_URL is set. */
export async function createRateLimits(env: Env, log: Log): Promise<limits.RateLimits> {
  const settings = rateLimitSettingsFrom(env);
  const store = env.REDIS_URL
    ? await limits.RedisRateLimitStore.connect(env.REDIS_URL, env.REDIS_KEY_PREFIX, log)
    : new limits.MemoryRateLimitStore();
  return new limits.RateLimits(settings, store);
}
