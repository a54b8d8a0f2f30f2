import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { latestJournalId } from './journal';

/**
 * Why a resume cannot be replayed: what was missed is older than the journal keeps (`retention`), or the id was
 * never issued by this journal (`unknown`: another server, or a database restored from an older backup).
 */
export type ResyncReason = 'retention' | 'unknown';

/**
 * Whether the journal still holds every event after `afterId`, or why not. Pruning only ever removes the oldest
 * rows (ids up to some bound), so the rows it removed are exactly those below the oldest one left; when none is left,
 * every committed id was removed. The sequence is read first: an event committed between the two reads then counts as
 * kept. Two primary-key reads, whatever the journal's size.
 */
export async function journalGapAfter(db: Kysely<Database>, afterId: number): Promise<ResyncReason | null> {
  const latest = await latestJournalId(db);
  if (afterId > latest) return 'unknown';
  const oldest = await db
    .selectFrom('realtime_events')
    .select((eb) => eb.fn.min('id').as('id'))
    .executeTakeFirst();
  const prunedThrough = oldest?.id == null ? latest : Number(oldest.id) - 1;
  return afterId < prunedThrough ? 'retention' : null;
}

export interface PruneOptions {
  /** Rows deleted per statement: each delete is its own short transaction, so writers never wait long. */
  batchSize: number;
  /** Pause between two full batches, leaving the database to the product's writes (SQLite has one writer). */
  pauseMs: number;
  /** Checked between batches: a stopping process finishes its current statement only. */
  stopped?: () => boolean;
}

/**
 * Deletes journal rows created before `cutoff` (epoch ms), oldest first, in batches; returns how many it deleted.
 * Each batch reads the oldest `batchSize` ids and deletes the old prefix of them by id range, so rows are only ever
 * removed from the bottom (what journalGapAfter relies on), and several processes pruning at once only delete the
 * same rows twice, which deletes nothing the second time. Ids follow commit order and times follow ids (to within
 * one transaction), so the scan stops at the first row too new to delete.
 */
export async function pruneJournal(
  db: Kysely<Database>,
  cutoff: number,
  options: PruneOptions,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const oldest = await db
      .selectFrom('realtime_events')
      .select(['id', 'created_at'])
      .orderBy('id')
      .limit(options.batchSize)
      .execute();
    const expired = oldest.findIndex((row) => Number(row.created_at) >= cutoff);
    const expiredCount = expired === -1 ? oldest.length : expired;
    const last = oldest[expiredCount - 1];
    if (!last) return deleted;
    const result = await db
      .deleteFrom('realtime_events')
      .where('id', '<=', Number(last.id))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
    // A short batch or a row too new: nothing older is left.
    if (expiredCount < options.batchSize || options.stopped?.()) return deleted;
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
}
