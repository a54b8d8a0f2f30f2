import { DomainError } from '../errors';
import type { BucketOp } from './bucket';
import { MemoryRateLimitStore } from './memory-store';
import type { RateLimitSettings, RateRuleName } from './rules';
import type { RateLimitStore } from './store';

/** What a refusal says, per door (the time to wait is added). */
const REFUSALS: Record<RateRuleName, string> = {
  signInPerAddress: 'Too many sign-in attempts',
  signInPerAccount: 'Too many sign-in attempts',
  signInFailuresPerAccount: 'Too many failed sign-in attempts',
  signInFailuresPerAddress: 'Too many failed sign-in attempts',
  signUpPerAddress: 'Too many new accounts from this address',
  sendsPerUser: 'Too many messages',
  invitationsPerUser: 'Too many invitations',
  invitationsPerRecipient: 'Too many mails to this address',
  assistantPerUser: 'Too many questions to the assistant',
};

/**
 * The one rate-limit module every door uses (runtime state: one per process, its buckets in memory or in Redis).
 * A refusal is a `rate_limited` DomainError carrying `retryAfterMs`, which each transport turns into its 429 and
 * Retry-After.
 */
export class RateLimits {
  constructor(
    readonly settings: RateLimitSettings,
    private readonly store: RateLimitStore = new MemoryRateLimitStore(),
  ) {}

  /** Counts one request of `key` against `rule`, or throws the 429 with the time to wait. */
  async take(rule: RateRuleName, key: string | number, now: number): Promise<void> {
    await this.apply(rule, key, 'take', now);
  }

  /** Throws the 429 if `key` has no request left under `rule`, without counting one. */
  async check(rule: RateRuleName, key: string | number, now: number): Promise<void> {
    await this.apply(rule, key, 'check', now);
  }

  /** Counts a failure of `key` (a wrong password) whatever is left: see RateLimitSettings. */
  async penalize(rule: RateRuleName, key: string | number, now: number): Promise<void> {
    await this.apply(rule, key, 'penalize', now);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async apply(rule: RateRuleName, key: string | number, op: BucketOp, now: number): Promise<void> {
    const bucket = this.settings[rule];
    if (!bucket) return;
    const waitMs = await this.store.apply(`${rule}:${key}`, bucket, op, now);
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new DomainError('rate_limited', `${REFUSALS[rule]}; try again in ${seconds} s`, waitMs);
    }
  }
}
