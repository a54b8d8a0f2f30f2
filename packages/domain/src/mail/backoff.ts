/**
 * The wait before retry number `attempt` (1 = the first retry): the base doubled per attempt, capped, then
 * "equal jitter" (between half and the whole of it), so senders that failed together do not retry together.
 */
export function retryDelayMs(
  attempt: number,
  policy: { retryBaseMs: number; retryMaxMs: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const capped = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** exponent);
  return Math.round(capped / 2 + random() * (capped / 2));
}
