/**
 * A token bucket per user: `perMinute` questions at once, refilled evenly over a minute. The buckets live in the
 * runtime's assistant (one per process; with several processes each allows its own share).
 */
export class PerUserRateLimit {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();
  private readonly refillPerMs: number;

  constructor(private readonly perMinute: number) {
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes one token for `userId`; returns 0 when allowed, otherwise the milliseconds until one is available. */
  take(userId: number, now: number): number {
    const bucket = this.buckets.get(userId) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    this.buckets.set(userId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.forgetFullBuckets(now);
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.refillPerMs);
  }

  /** A full bucket is the same as none: dropping them keeps the map to the users who asked in the last minute. */
  private forgetFullBuckets(now: number): void {
    if (this.buckets.size < 1_000) return;
    for (const [userId, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.refillPerMs >= this.perMinute) this.buckets.delete(userId);
    }
  }
}
