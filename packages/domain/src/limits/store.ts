import type { BucketOp, BucketRule } from './bucket';

/** Where the buckets live: in this process (memory-store.ts), or in Redis so several processes share them. */
export interface RateLimitStore {
  /** Applies `op` to the bucket `key`; resolves with the milliseconds to wait (0 = allowed). */
  apply(key: string, rule: BucketRule, op: BucketOp, now: number): Promise<number>;
  close(): Promise<void>;
}
