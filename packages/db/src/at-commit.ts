import type { Kysely } from 'kysely';
import type { CommitBatch, CommitStage } from './group-commit';
import type { Database } from './schema';

/** Queues items for the end of a group-commit batch (see atCommit). */
export interface AtCommit<T> {
  /** Queues `item` in `batch`: it is written with the batch's other items at the writer's stage. */
  add(batch: CommitBatch, item: T): void;
}

/**
 * A writer that collects what the units of a batch hand it and writes all of it once, at `stage`, just before the
 * batch commits: one statement (or one per 64 rows) for the whole batch instead of one per unit. This is how the
 * send path writes its messages, marks and journal rows. `write` runs in the batch's transaction, after every unit
 * and after the writers of earlier stages, with the items in the order they were added; it may add items to
 * writers of later stages (a message's journal entry) through `batch`.
 *
 * The queue lives in the batch (CommitBatch.state), keyed by the writer: nothing outlives the transaction.
 */
export function atCommit<T>(
  stage: CommitStage,
  write: (trx: Kysely<Database>, items: readonly T[], batch: CommitBatch) => Promise<void>,
): AtCommit<T> {
  const writer: AtCommit<T> = {
    add(batch, item) {
      const items = batch.state(writer, () => {
        const queued: T[] = [];
        batch.beforeCommit((trx) => write(trx, queued, batch), stage);
        return queued;
      });
      items.push(item);
    },
  };
  return writer;
}
