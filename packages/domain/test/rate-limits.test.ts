import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '../src/limits/memory-store';
import { RateLimits } from '../src/limits/rate-limits';
import { NO_RATE_LIMITS } from '../src/limits/rules';

const rule = { capacity: 3, windowMs: 3_000 };

describe('RateLimits (token buckets in memory)', () => {
  it('allows a burst of the capacity, then refuses with the wait until one token is back', async () => {
    const limits = new RateLimits({ ...NO_RATE_LIMITS, sendsPerUser: rule }, new MemoryRateLimitStore());
    for (let i = 0; i < 3; i++) await limits.take('sendsPerUser', 1, 0);
    await expect(limits.take('sendsPerUser', 1, 0)).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 1_000,
    });
    // Another key has its own bucket; a second later one token is back.
    await limits.take('sendsPerUser', 2, 0);
    await limits.take('sendsPerUser', 1, 1_000);
  });

  it('makes each failure past the capacity push the next attempt further away (a growing lockout)', async () => {
    const limits = new RateLimits({ ...NO_RATE_LIMITS, signInFailuresPerAccount: rule });
    for (let i = 0; i < 3; i++) await limits.penalize('signInFailuresPerAccount', 'a', 0);
    const wait = (now: number) =>
      limits.check('signInFailuresPerAccount', 'a', now).then(
        () => 0,
        (error: { retryAfterMs: number }) => error.retryAfterMs,
      );
    expect(await wait(0)).toBe(1_000);
    await limits.penalize('signInFailuresPerAccount', 'a', 0);
    await limits.penalize('signInFailuresPerAccount', 'a', 0);
    expect(await wait(0)).toBe(3_000);
    // `check` takes nothing: asking again does not lengthen the wait.
    expect(await wait(0)).toBe(3_000);
    expect(await wait(3_000)).toBe(0);
  });

  it('limits nothing that is not configured', async () => {
    const limits = new RateLimits(NO_RATE_LIMITS);
    for (let i = 0; i < 100; i++) await limits.take('signUpPerAddress', '127.0.0.1', 0);
  });
});
