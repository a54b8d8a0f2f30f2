import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { TestUser } from './accounts';
import type { TestClient } from './http';

/** Opens (or finds) the one-to-one conversation of two users through the legacy route; returns its id. */
export async function openChat(api: TestClient, from: TestUser, to: TestUser): Promise<number> {
  const res = await api.post<{ data: { conversation_id: number } }>(
    '/getConversation/',
    { user_id: String(to.id), is_group: false },
    { token: from.token },
  );
  if (res.status !== 200 && res.status !== 201) throw new Error(`getConversation failed: ${res.status}`);
  return res.body.data.conversation_id;
}

/** Rows in a table: tests assert that refused requests stored nothing. */
export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
