import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

/**
 * Takes `count` consecutive numbers from a row of `realtime_sequence` in one statement, and returns the last of
 * them (the first is `last - count + 1`); `count` is at least 1. Must run inside the caller's transaction: the row lock it takes is what
 * makes numbers visible in commit order.
 */
export async function advanceSequence(trx: Kysely<Database>, name: string, count: number): Promise<number> {
  // At least one: on MySQL a zero step on a fresh sequence would hand back 0, which reads as "no row".
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`A sequence advances by 1 or more, not ${count}`);
  if (trx.getExecutor().adapter.supportsReturning) {
    const row = await trx
      .updateTable('realtime_sequence')
      .set((eb) => ({ last_id: eb('last_id', '+', count) }))
      .where('name', '=', name)
      .returning('last_id')
      .executeTakeFirstOrThrow();
    return Number(row.last_id);
  }
  // MySQL/MariaDB have no UPDATE … RETURNING; LAST_INSERT_ID(expr) hands the new value back in the same reply
  // (the manual's sequence idiom), so this is one round trip instead of an update and a select.
  const result =
    await sql`update realtime_sequence set last_id = last_insert_id(last_id + ${count}) where name = ${name}`.execute(
      trx,
    );
  if (result.insertId === undefined) throw new Error(`Sequence ${name} does not exist`);
  return Number(result.insertId);
}
