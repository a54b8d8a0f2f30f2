import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { invalid } from '../errors';

/** Distinct values in first-seen order. */
export function distinct(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

/**
 * Fails with the unknown ids when any user does not exist, before anything is written (the legacy service
 * stored unknown ids and left half-made conversations behind: C6, C7).
 */
export async function requireUsersExist(db: Kysely<Database>, userIds: readonly number[]): Promise<void> {
  if (userIds.length === 0) return;
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...userIds])
    .execute();
  const known = new Set(found.map((row) => row.id));
  const unknown = userIds.filter((id) => !known.has(id));
  if (unknown.length === 1) throw invalid(`User ${unknown[0]} does not exist`);
  if (unknown.length > 1) throw invalid(`Users ${unknown.join(', ')} do not exist`);
}
