/**
 * A token bucket: `capacity` requests at once, refilled evenly so that `capacity` more are allowed per `windowMs`.
 * The same arithmetic runs in memory (memory-store.ts) and in Redis's Lua (redis-store.ts).
 */
export interface BucketRule {
  capacity: number;
  windowMs: number;
}

/**
 * - `take`: one request; refused (nothing taken) below one token.
 * - `check`: is a token there? Nothing is taken (a sign-in asks before it spends a hash).
 * - `penalize`: takes one whatever is left, down to minus the capacity: each failed password pushes the next
 *   allowed attempt further away, so repeated failures lock the account (or address) for longer.
 */
export type BucketOp = 'take' | 'check' | 'penalize';

export interface BucketState {
  tokens: number;
  at: number;
}

/** Applies `op` to `state` (refilled up to `now`) and returns the milliseconds to wait: 0 when allowed. */
export function applyBucket(state: BucketState, rule: BucketRule, op: BucketOp, now: number): number {
  const refillPerMs = rule.capacity / rule.windowMs;
  if (now > state.at) {
    state.tokens = Math.min(rule.capacity, state.tokens + (now - state.at) * refillPerMs);
    state.at = now;
  }
  if (op === 'penalize') {
    state.tokens = Math.max(state.tokens - 1, -rule.capacity);
    return 0;
  }
  if (state.tokens >= 1) {
    if (op === 'take') state.tokens -= 1;
    return 0;
  }
  return Math.ceil((1 - state.tokens) / refillPerMs);
}
