import { applyBucket, type BucketOp, type BucketRule, type BucketState } from './bucket';
import type { RateLimitStore } from './store';

/** How many buckets a process keeps before it drops the full ones (a full bucket is the same as none). */
const SWEEP_AT = 10_000;

/** The buckets of one process (the default, and each process's own when there is no Redis). */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, { state: BucketState; rule: BucketRule }>();
  /** The size at which the next sweep runs: doubled past what a sweep leaves, so sweeps stay rare under a flood. */
  private sweepAt = SWEEP_AT;

  async apply(key: string, rule: BucketRule, op: BucketOp, now: number): Promise<number> {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.sweepAt) {
        this.forgetFull(now);
        this.sweepAt = Math.max(SWEEP_AT, this.buckets.size * 2);
      }
      bucket = { state: { tokens: rule.capacity, at: now }, rule };
      this.buckets.set(key, bucket);
    }
    return applyBucket(bucket.state, rule, op, now);
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }

  private forgetFull(now: number): void {
    for (const [key, { state, rule }] of this.buckets) {
      const refilled = state.tokens + ((now - state.at) * rule.capacity) / rule.windowMs;
      if (refilled >= rule.capacity) this.buckets.delete(key);
    }
  }
}
