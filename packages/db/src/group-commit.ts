import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** A unit of transactional work: it must only touch the database through `trx` (it may be run twice). */
export type TransactionWork<T> = (trx: Kysely<Database>) => Promise<T>;

interface Queued {
  work: TransactionWork<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Units per transaction: bounds how long one commit holds the write lock (and SQLite's one connection). */
const MAX_UNITS_PER_COMMIT = 64;

/**
 * Group commit: units of work that arrive together share one transaction, so a burst of N messages costs one
 * COMMIT (on SQLite, the WAL write of every touched page: about half the cost of a single-message transaction;
 * on MySQL/MariaDB, a log flush and a round trip) instead of N.
 *
 * A batch starts on `setImmediate`, after the I/O callbacks of the current event-loop turn have queued their
 * work; units that arrive while a batch is committing form the next one. Each unit is atomic as before: if any
 * unit of a batch throws (or the batch deadlocks), nothing of the batch is committed and every unit is retried
 * alone in its own transaction, so only the failing one fails, with its own error.
 */
export class GroupCommit {
  private queue: Queued[] = [];
  private draining = false;

  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: TransactionWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.commit(this.queue.splice(0, MAX_UNITS_PER_COMMIT));
    this.draining = false;
  }

  private async commit(batch: Queued[]): Promise<void> {
    if (batch.length > 1) {
      let results: unknown[] | undefined;
      try {
        results = await this.db.transaction().execute(async (trx) => {
          const out: unknown[] = [];
          for (const unit of batch) out.push(await unit.work(trx));
          return out;
        });
      } catch {
        // Rolled back as a whole: fall through and run each unit alone.
      }
      if (results) {
        for (const [index, unit] of batch.entries()) unit.resolve(results[index]);
        return;
      }
    }
    for (const unit of batch) {
      await this.db.transaction().execute(unit.work).then(unit.resolve, unit.reject);
    }
  }
}

const groupCommits = new WeakMap<Kysely<Database>, GroupCommit>();

/** Runs `work` in a transaction shared with the other work of this moment on the same database (see GroupCommit). */
export function inGroupCommit<T>(db: Kysely<Database>, work: TransactionWork<T>): Promise<T> {
  let group = groupCommits.get(db);
  if (!group) {
    group = new GroupCommit(db);
    groupCommits.set(db, group);
  }
  return group.run(work);
}
