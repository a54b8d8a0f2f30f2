import type { Env } from '@chatapp/config';
import type { Database, Log } from '@chatapp/db';
import { type DomainRuntime, events, realtime } from '@chatapp/domain';
import type { Kysely } from 'kysely';

/** The hub and presence of this process: in-process by default; through Redis when REDIS_URL is set. */
export async function connectRealtime(
  env: Env,
  db: Kysely<Database>,
  report: { log?: Log; onDeliveryLag?: (seconds: number) => void } = {},
): Promise<{ hub: realtime.RealtimeHub<events.HubEvent>; presence: realtime.PresenceTracker }> {
  // The hub delivers durable events in journal order from the newest committed one, reading back from the journal
  // an event whose publisher died before publishing it.
  const ordering: realtime.HubOrdering<events.HubEvent> = {
    lastJournalId: await events.latestJournalId(db),
    loadMissing: (id) => events.loadJournalDelivery(db, id),
    latestJournalId: () => events.latestJournalId(db),
    ...report,
  };
  if (!env.REDIS_URL) {
    return { hub: realtime.createLocalHub(ordering), presence: realtime.createLocalPresence() };
  }
  const [hub, presence] = await Promise.all([
    realtime.createRedisHub<events.HubEvent>(env.REDIS_URL, env.REDIS_KEY_PREFIX, ordering),
    realtime.createRedisPresence(env.REDIS_URL, env.REDIS_KEY_PREFIX, {
      ttlMs: env.PRESENCE_TTL_SECONDS * 1000,
      heartbeatMs: (env.PRESENCE_TTL_SECONDS * 1000) / 3,
      ...(report.log ? { log: report.log } : {}),
    }),
  ]);
  return { hub, presence };
}

/**
 * Across processes, users whose process vanished are reported offline by a sweeper: at a third of the TTL, a dead
 * process's users go offline within 4/3 of it. In-process presence has nothing to sweep.
 */
export function registerPresenceSweeper(env: Env, runtime: DomainRuntime): void {
  if (env.REDIS_URL) runtime.register(events.presenceSweeper((env.PRESENCE_TTL_SECONDS * 1000) / 3));
}

/** Every server process keeps the journal to its retention; several pruning at once never conflict. */
export function registerJournalPruner(env: Env, runtime: DomainRuntime): void {
  runtime.register(
    events.journalPruner({
      retentionMs: env.JOURNAL_RETENTION_HOURS * 3_600_000,
      everyMs: env.JOURNAL_PRUNE_INTERVAL_SECONDS * 1000,
    }),
  );
}
