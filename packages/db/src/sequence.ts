import { type Kysely, sql } from 'kysely';
import { type PreparedQuery, preparedQuery } from './prepared';
import type { Database } from './schema';

const advanceReturning = preparedQuery((db, p: { name: string; count: number }) =>
  db
    .updateTable('realtime_sequence')
    .set((eb) => ({ last_id: eb('last_id', '+', p.count) }))
    .where('name', '=', p.name)
    .returning('last_id'),
);

// MySQL/MariaDB have no UPDATE … RETURNING; LAST_INSERT_ID(expr) hands the new value back in the same reply
// (the manual's sequence idiom), so this is one round trip instead of an update and a select.
const advanceLastInsertId = preparedQuery((db, p: { name: string; count: number }) => ({
  compile: () =>
    sql<SequenceRow>`update realtime_sequence set last_id = last_insert_id(last_id + ${p.count}) where name = ${p.name}`.compile(
      db,
    ),
}));

/**
 * The same step for the sequence that numbers messages: it first catches up with the table's highest id, so rows
 * inserted with their auto-increment id (a bulk import, a seed) never collide with numbers it hands out. `MAX(id)`
 * of a primary key is one index lookup. On MySQL/MariaDB that read locks the end of the index (shared), and an
 * uncorrelated subquery runs before the row it updates is locked: so the sequence row is locked first (lockRow), and
 * every batch takes the two locks in the same order.
 */
const advancePastMessagesReturning = preparedQuery((db, p: { name: string; count: number }) => ({
  compile: () =>
    sql<SequenceRow>`update realtime_sequence set last_id = (case when last_id > (${highestMessageId}) then last_id else (${highestMessageId}) end) + ${p.count} where name = ${p.name} returning last_id`.compile(
      db,
    ),
}));

const advancePastMessagesLastInsertId = preparedQuery((db, p: { name: string; count: number }) => ({
  compile: () =>
    sql<SequenceRow>`update realtime_sequence set last_id = last_insert_id(greatest(last_id, (${highestMessageId})) + ${p.count}) where name = ${p.name}`.compile(
      db,
    ),
}));

const highestMessageId = sql`select coalesce(max(id), 0) from messages`;

const lockRow = preparedQuery((db, p: { name: string }) =>
  db.selectFrom('realtime_sequence').select('last_id').where('name', '=', p.name).forUpdate(),
);

const sequenceValues = preparedQuery((db, p: { names: string[] }) =>
  db.selectFrom('realtime_sequence').select(['name', 'last_id']).where('name', 'in', p.names),
);

/** The last number taken from each named row of `realtime_sequence` (0 for a name it does not have), in one read. */
export async function readSequences<N extends string>(
  db: Kysely<Database>,
  names: readonly N[],
): Promise<Record<N, number>> {
  const values = Object.fromEntries(names.map((name) => [name, 0])) as Record<N, number>;
  for (const row of await sequenceValues(db, { names: [...names] })) {
    if (row.name in values) values[row.name as N] = Number(row.last_id);
  }
  return values;
}

/**
 * Takes `count` consecutive numbers from a row of `realtime_sequence` in one statement, and returns the last of
 * them (the first is `last - count + 1`); `count` is at least 1. Must run inside the caller's transaction: the row
 * lock it takes is what makes numbers visible in commit order.
 */
export function advanceSequence(trx: Kysely<Database>, name: string, count: number): Promise<number> {
  return advance(trx, name, count, { returning: advanceReturning, lastInsertId: advanceLastInsertId });
}

/**
 * Takes `count` consecutive message ids (the `messages` sequence, see migration 0004) and returns the last; always
 * above every stored message's id. Same rules as advanceSequence.
 */
export function advanceMessageIds(trx: Kysely<Database>, count: number): Promise<number> {
  return advance(trx, 'messages', count, {
    returning: advancePastMessagesReturning,
    lastInsertId: advancePastMessagesLastInsertId,
    lockFirst: true,
  });
}

interface SequenceRow {
  last_id: number;
}

type SequenceStep = PreparedQuery<{ name: string; count: number }, SequenceRow>;

/** One step's statement per dialect: `returning` where UPDATE … RETURNING exists (SQLite), else LAST_INSERT_ID. */
interface SequenceSteps {
  returning: SequenceStep;
  lastInsertId: SequenceStep;
  /** MySQL/MariaDB: lock the sequence row with a statement of its own before the step (see lockRow). */
  lockFirst?: boolean;
}

async function advance(
  trx: Kysely<Database>,
  name: string,
  count: number,
  { returning, lastInsertId, lockFirst = false }: SequenceSteps,
): Promise<number> {
  // At least one: on MySQL a zero step on a fresh sequence would hand back 0, which reads as "no row".
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`A sequence advances by 1 or more, not ${count}`);
  if (trx.getExecutor().adapter.supportsReturning) {
    const row = await returning.first(trx, { name, count });
    if (!row) throw new Error(`Sequence ${name} does not exist`);
    return Number(row.last_id);
  }
  if (lockFirst) await lockRow.execute(trx, { name });
  const result = await lastInsertId.execute(trx, { name, count });
  if (result.insertId === undefined) throw new Error(`Sequence ${name} does not exist`);
  return Number(result.insertId);
}
