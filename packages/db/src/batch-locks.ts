import type { Kysely } from 'kysely';
import { preparedQuery } from './prepared';
import type { Database } from './schema';

/**
 * Items in chunks of 64, 32, …, 1. A statement over a list (`in (?, …)`, a multi-row insert) is one prepared
 * statement per list length; chunking keeps a batch of up to 64 items to seven shapes and at most seven statements.
 */
export function inPowerOfTwoChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  for (let size = 64; size >= 1; size /= 2) {
    while (items.length - start >= size) {
      chunks.push(items.slice(start, start + size));
      start += size;
    }
  }
  return chunks;
}

const lockRows = preparedQuery((db, p: { ids: number[] }) =>
  db.selectFrom('conversations').select('id').where('id', 'in', p.ids).orderBy('id').forUpdate(),
);

/**
 * MySQL/MariaDB: locks the conversation rows of a group-commit batch for writing, all of them, in id order, before
 * its units run. Everything else a batch writes hangs off those rows (their messages, their members' marks, journal
 * rows whose foreign key reads them), so batches that share a conversation queue on its row instead of taking row
 * locks in different orders and deadlocking. SQLite needs none of this: it has one writer at a time.
 */
export async function lockConversationRows(trx: Kysely<Database>, ids: readonly number[]): Promise<void> {
  const sorted = [...new Set(ids)].filter((id) => id > 0).sort((a, b) => a - b);
  for (const chunk of inPowerOfTwoChunks(sorted)) await lockRows.execute(trx, { ids: chunk });
}
