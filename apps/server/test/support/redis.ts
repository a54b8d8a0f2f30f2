import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';

/** The Redis the suite may use: REDIS_URL, else a local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * The Redis key prefix of the processes this test file spawns, when the suite runs with REDIS_URL: one per file (a
 * file's processes share it, as several processes of one deployment do), so that no two files, and no two runs of
 * the suite on one Redis, share rate-limit buckets, presence or channels.
 */
export const SPAWNED_REDIS_ENV: Record<string, string> = process.env.REDIS_URL
  ? { REDIS_KEY_PREFIX: `chatapp-test-${randomUUID()}:` }
  : {};

/** True when something answers on Redis's port (the scale-out tests need a real Redis). */
export function redisReachable(url = TEST_REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(Number(port || 6379), hostname);
  });
}

/**
 * Scale-out suites need Redis. In CI a missing Redis is a failure; on a developer machine with only Node.js the
 * suite is skipped with a loud warning instead.
 */
export async function requireRedis(): Promise<boolean> {
  if (await redisReachable()) return true;
  if (process.env.CI)
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}; CI must run the scale-out tests`);
  console.warn(`!!! Redis not reachable at ${TEST_REDIS_URL}: scale-out tests skipped on this machine`);
  return false;
}
