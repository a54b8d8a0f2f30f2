import type { Env } from '@chatapp/config';
import type { Database } from '@chatapp/db';
import { type RealtimeDeps, realtime } from '@chatapp/domain';
import type { Kysely } from 'kysely';

/** In-process fan-out and presence by default; through Redis when REDIS_URL is set. */
export async function createRealtimeDeps(env: Env, db: Kysely<Database>): Promise<RealtimeDeps> {
  const ordering: realtime.HubOrdering<realtime.RealtimeEvent> = {
    lastJournalId: await realtime.latestJournalId(db),
    loadMissing: (id) => realtime.loadJournalDelivery(db, id),
  };
  if (!env.REDIS_URL) {
    return { hub: realtime.createLocalHub(ordering), presence: realtime.createLocalPresence() };
  }
  const [hub, presence] = await Promise.all([
    realtime.createRedisHub<realtime.RealtimeEvent>(env.REDIS_URL, env.REDIS_KEY_PREFIX, ordering),
    realtime.createRedisPresence(env.REDIS_URL, env.REDIS_KEY_PREFIX, {
      ttlMs: env.PRESENCE_TTL_SECONDS * 1000,
      heartbeatMs: (env.PRESENCE_TTL_SECONDS * 1000) / 3,
    }),
  ]);
  return { hub, presence };
}

/** Periodically reports users whose process vanished as offline (only meaningful across processes). */
export function startPresenceSweeper(env: Env, sweep: () => Promise<void>): () => void {
  if (!env.REDIS_URL) return () => {};
  // Sweeping at a third of the TTL reports a dead process's users within 4/3 of the TTL.
  const timer = setInterval(
    () => {
      sweep().catch((error: unknown) => console.error('presence sweep failed', error));
    },
    (env.PRESENCE_TTL_SECONDS * 1000) / 3,
  );
  timer.unref();
  return () => clearInterval(timer);
}
