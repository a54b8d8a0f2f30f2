import { type Kysely, sql } from 'kysely';
import { preparedQuery } from './prepared';
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
    sql`update realtime_sequence set last_id = last_insert_id(last_id + ${p.count}) where name = ${p.name}`.compile(
      db,
    ),
}));

/**
 * Takes `count` consecutive numbers from a row of `realtime_sequence` in one statement, and returns the last of
 * them (the first is `last - count + 1`); `count` is at least 1. Must run inside the caller's transaction: the row
 * lock it takes is what makes numbers visible in commit order.
 */
export async function advanceSequence(trx: Kysely<Database>, name: string, count: number): Promise<number> {
  // At least one: on MySQL a zero step on a fresh sequence would hand back 0, which reads as "no row".
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`A sequence advances by 1 or more, not ${count}`);
  if (trx.getExecutor().adapter.supportsReturning) {
    const row = await advanceReturning.first(trx, { name, count });
    if (!row) throw new Error(`Sequence ${name} does not exist`);
    return Number(row.last_id);
  }
  const result = await advanceLastInsertId.execute(trx, { name, count });
  if (result.insertId === undefined) throw new Error(`Sequence ${name} does not exist`);
  return Number(result.insertId);
}
