import type { Kysely } from 'kysely';
import { preparedQuery } from './prepared';
import type { Database } from './schema';

/**
 * When a batch's finishers run, after all its units, stage by stage. The stages are the one order in which every
 * batch takes its locks, which is what keeps concurrent batches on MySQL/MariaDB from deadlocking each other:
 * - `messages`: the `messages` sequence row (held to the commit, so batches with messages write them one batch at a
 *   time), then conversation rows in id order, then the new messages;
 * - `marks`: members' read and delivered marks, in (conversation, user) order;
 * - `journal`: the `events` sequence row, then the journal rows: taken last, just before the commit. (Journal rows
 *   do not lock their conversation on MySQL: see migration 0005.)
 * Transactions outside the group commit keep the same order: conversation, then members, then the journal.
 */
export type CommitStage = 'messages' | 'marks' | 'journal';

const STAGES: readonly CommitStage[] = ['messages', 'marks', 'journal'];

type Finisher = (trx: Kysely<Database>) => Promise<void>;

/** The transaction a unit of work shares with the others of its batch. */
export interface CommitBatch {
  /**
   * Runs `finish` once, after every unit of the batch and just before the commit, in the batch's transaction, at
   * its stage. What is cheaper done once per batch (one multi-row insert, one sequence step) is done there. A
   * finisher may add finishers to its own or a later stage; adding one to a stage that has already run throws.
   */
  beforeCommit(finish: Finisher, stage: CommitStage): void;
  /**
   * State that lives as long as this batch's transaction, one value per `owner` (made by `create` on first use).
   * What the batch's units queue for its end lives here (see atCommit), so it goes with the batch, and a unit
   * retried alone gets a fresh transaction and fresh state.
   */
  state<T>(owner: object, create: () => T): T;
}

/** A unit of transactional work: it must only touch the database through `trx` (it may be run twice). */
export type TransactionWork<T> = (trx: Kysely<Database>, batch: CommitBatch) => Promise<T>;

interface Queued {
  work: TransactionWork<unknown>;
  lockKey: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Batches in flight at once: 1 on SQLite (one connection); more lets MySQL overlap batches on other rows. */
  concurrency?: number;
  /** Runs first in every batch's transaction (SQLite: takeSqliteWriteLock). */
  begin?: (trx: Kysely<Database>) => Promise<void>;
  /** Units that must be waiting before a batch starts while another is committing (default 16). */
  minUnitsToOverlap?: number;
}

/** Units per transaction: bounds how long one commit holds its locks (and SQLite's one connection). */
const MAX_UNITS_PER_COMMIT = 64;

/**
 * Units that must be waiting before a batch starts beside one that is still committing (see GroupCommitOptions).
 * Batches with messages queue behind each other on the messages sequence row anyway: starting a small one early
 * only makes every batch smaller, and on MariaDB a small batch costs nearly as much as a full one. At 1,500 sends/s
 * the bench's p50 fell from 21 to 10 ms (legacy socket) and from 55 to 17 ms (tRPC) with this wait; under load the
 * queue is deeper and batches overlap as before.
 */
const MIN_UNITS_TO_OVERLAP = 16;

/**
 * Group commit: units of work that arrive together share one transaction, so a burst of N messages costs one
 * COMMIT (on SQLite, the WAL write of every touched page; on MySQL/MariaDB, a log flush and a round trip)
 * instead of N.
 *
 * A batch starts on `setImmediate`, after the I/O callbacks of the current event-loop turn have queued their
 * work; units that arrive while batches are committing form the next one, which starts beside them (up to
 * `concurrency`) only once `minUnitsToOverlap` units wait, and otherwise when one finishes. Within a batch, units
 * run in ascending `lockKey` order (the conversation they write in), and their finishers by stage: concurrent
 * batches take row locks in one global order and cannot deadlock each other. Each unit is atomic as before: if any unit of a batch throws (or the
 * batch deadlocks), nothing of the batch is committed and every unit is retried alone in its own transaction, so
 * only the failing one fails, with its own error.
 */
export class GroupCommit {
  private queue: Queued[] = [];
  private running = 0;
  private scheduled = false;

  private readonly concurrency: number;
  private readonly begin: GroupCommitOptions['begin'];
  private readonly minUnitsToOverlap: number;

  constructor(
    private readonly db: Kysely<Database>,
    options: GroupCommitOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 1;
    this.begin = options.begin;
    this.minUnitsToOverlap = options.minUnitsToOverlap ?? MIN_UNITS_TO_OVERLAP;
  }

  /**
   * Runs `work` in a transaction shared with the other work of this moment. `lockKey` is the id of the
   * conversation it writes in (0: none): it orders the units of a batch.
   */
  /** Units waiting for a batch, and batches running now (for metrics: a growing queue is a database falling behind). */
  get depth(): { queued: number; running: number } {
    return { queued: this.queue.length, running: this.running };
  }

  run<T>(work: TransactionWork<T>, lockKey = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, lockKey, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || !this.canStartBatch()) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.canStartBatch()) {
        this.running += 1;
        void this.commit(this.queue.splice(0, MAX_UNITS_PER_COMMIT)).finally(() => {
          this.running -= 1;
          this.schedule();
        });
      }
    });
  }

  /** A batch starts when none is running and work waits, or beside running ones when enough work waits. */
  private canStartBatch(): boolean {
    if (this.running >= this.concurrency) return false;
    return this.queue.length >= (this.running === 0 ? 1 : this.minUnitsToOverlap);
  }

  private async commit(batch: Queued[]): Promise<void> {
    batch.sort((a, b) => a.lockKey - b.lockKey);
    if (batch.length > 1) {
      let results: unknown[] | undefined;
      try {
        results = await this.transaction(batch);
      } catch {
        // Rolled back as a whole: fall through and run each unit alone.
      }
      if (results) {
        for (const [index, unit] of batch.entries()) unit.resolve(results[index]);
        return;
      }
    }
    for (const unit of batch) {
      await this.transaction([unit]).then(([result]) => unit.resolve(result), unit.reject);
    }
  }

  private transaction(units: readonly Queued[]): Promise<unknown[]> {
    return this.db.transaction().execute(async (trx) => {
      const finishers: Record<CommitStage, Finisher[]> = { messages: [], marks: [], journal: [] };
      const states = new Map<object, unknown>();
      let done = -1;
      const batch: CommitBatch = {
        beforeCommit: (finish, stage) => {
          if (STAGES.indexOf(stage) <= done) throw new Error(`The ${stage} stage of this batch has run`);
          finishers[stage].push(finish);
        },
        state: <T>(owner: object, create: () => T): T => {
          if (!states.has(owner)) states.set(owner, create());
          return states.get(owner) as T;
        },
      };
      await this.begin?.(trx);
      const results: unknown[] = [];
      for (const unit of units) results.push(await unit.work(trx, batch));
      for (const [index, stage] of STAGES.entries()) {
        // Read by index: a finisher may add another to the stage that is running.
        for (let next = 0; next < finishers[stage].length; next += 1) await finishers[stage][next]?.(trx);
        done = index;
      }
      return results;
    });
  }
}

const touchEventsSequence = preparedQuery((db) =>
  db
    .updateTable('realtime_sequence')
    .set((eb) => ({ last_id: eb.ref('last_id') }))
    .where('name', '=', 'events'),
);

/**
 * SQLite: takes the database's write lock at the start of the transaction, as BEGIN IMMEDIATE would (Kysely begins
 * deferred). A batch that reads first (the members' marks) and writes later would otherwise hold a read snapshot
 * while another process writes, and then fail to upgrade ("database is locked") instead of waiting its turn.
 */
export async function takeSqliteWriteLock(trx: Kysely<Database>): Promise<void> {
  await touchEventsSequence.execute(trx, {});
}
