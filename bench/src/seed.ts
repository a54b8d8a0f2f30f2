import { randomBytes } from 'node:crypto';
import type { Database } from '@chatapp/db';
import { accounts } from '@chatapp/domain';
import type { Insertable, Kysely } from 'kysely';

/**
 * Bulk seeding straight into the product's schema (migrated by @chatapp/db), bypassing the API: creating a
 * million messages one request at a time would take longer than the benchmark itself. Rows carry explicit ids so
 * related rows (members, last messages, tokens) can be written without reading ids back.
 */

/** Bound variables per statement: below SQLite's 32,766 and MySQL's 65,535. */
const MAX_PARAMETERS = 30_000;
/** Statements per transaction: one commit per batch is what makes bulk inserts fast on both engines. */
const CHUNKS_PER_TRANSACTION = 20;

type Table = keyof Database & string;

/**
 * Inserts rows from an iterable (possibly a lazy generator, so a million rows are never all in memory) as
 * multi-row INSERTs of as many rows as the parameter limit allows, several per transaction. Returns the count.
 */
export async function insertRows<T extends Table>(
  db: Kysely<Database>,
  table: T,
  rows: Iterable<Insertable<Database[T]>>,
): Promise<number> {
  let chunk: Insertable<Database[T]>[] = [];
  let batch: Insertable<Database[T]>[][] = [];
  let rowsPerChunk = 0;
  let total = 0;
  const flush = async () => {
    if (chunk.length) batch.push(chunk);
    chunk = [];
    const chunks = batch;
    batch = [];
    if (chunks.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const rowsOfChunk of chunks) {
        await trx.insertInto(table).values(rowsOfChunk).execute();
      }
    });
  };
  for (const row of rows) {
    rowsPerChunk ||= Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(row).length));
    chunk.push(row);
    total += 1;
    if (chunk.length >= rowsPerChunk) {
      batch.push(chunk);
      chunk = [];
      if (batch.length >= CHUNKS_PER_TRANSACTION) await flush();
    }
  }
  await flush();
  return total;
}

/** The next free id of a table (ids are assigned by the seeder, so it must start above existing rows). */
export async function nextId(
  db: Kysely<Database>,
  table: 'users' | 'conversations' | 'messages',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export interface SeededUser {
  id: number;
  /** A live login token (its SHA-256 is in auth_tokens), as /login/ would have issued. */
  token: string;
}

/** Time far enough ahead that no seeded token expires during a run. */
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * `count` users, each with one login token issued now (whatever `createdAt` says about the accounts). Passwords are
 * unset: the bench never logs in with one.
 */
export async function seedUsers(
  db: Kysely<Database>,
  count: number,
  createdAt = Date.now(),
): Promise<SeededUser[]> {
  const now = Date.now();
  const first = await nextId(db, 'users');
  const users: SeededUser[] = Array.from({ length: count }, (_, i) => ({
    id: first + i,
    token: randomBytes(32).toString('hex'),
  }));
  await insertRows(
    db,
    'users',
    users.map(({ id }) => ({
      id,
      username: `bench${id}`,
      username_key: `bench${id}`,
      email: `bench${id}@bench.invalid`,
      email_key: `bench${id}@bench.invalid`,
      password_hash: null,
      first_name: 'Bench',
      last_name: `User ${id}`,
      profile: null,
      profile_thumb: null,
      created_at: createdAt,
      updated_at: createdAt,
    })),
  );
  await insertRows(
    db,
    'auth_tokens',
    users.map(({ id, token }) => ({
      user_id: id,
      token_hash: accounts.hashToken(token),
      user_agent: 'chatapp-bench',
      created_at: now,
      last_used_at: now,
      expires_at: now + YEAR_MS,
    })),
  );
  return users;
}

/** One-to-one conversations, one per pair (keyed like the product's `directKey`); returns their ids in order. */
export async function seedDirectChats(
  db: Kysely<Database>,
  pairs: ReadonlyArray<readonly [number, number]>,
  now = Date.now(),
): Promise<number[]> {
  const first = await nextId(db, 'conversations');
  const ids = pairs.map((_, i) => first + i);
  await insertRows(
    db,
    'conversations',
    pairs.map(([a, b], i) => ({
      id: first + i,
      title: 'New Chat',
      is_group: 0,
      created_by: a,
      direct_key: a < b ? `${a}:${b}` : `${b}:${a}`,
      last_message_id: null,
      last_activity_at: now,
      created_at: now,
      updated_at: now,
    })),
  );
  await insertRows(
    db,
    'conversation_members',
    pairs.flatMap(([a, b], i) => [member(first + i, a, 0, now), member(first + i, b, 1, now)]),
  );
  return ids;
}

/** A group with these members (the first is its creator); returns its id. */
export async function seedGroup(
  db: Kysely<Database>,
  title: string,
  memberIds: readonly number[],
  now = Date.now(),
): Promise<number> {
  const id = await nextId(db, 'conversations');
  await insertRows(db, 'conversations', [
    {
      id,
      title,
      is_group: 1,
      created_by: memberIds[0] ?? null,
      direct_key: null,
      last_message_id: null,
      last_activity_at: now,
      created_at: now,
      updated_at: now,
    },
  ]);
  await insertRows(
    db,
    'conversation_members',
    memberIds.map((userId, position) => member(id, userId, position, now)),
  );
  return id;
}

export function member(
  conversationId: number,
  userId: number,
  position: number,
  now: number,
  lastReadMessageId: number | null = null,
): Insertable<Database['conversation_members']> {
  return {
    conversation_id: conversationId,
    user_id: userId,
    position,
    last_read_message_id: lastReadMessageId,
    last_delivered_message_id: lastReadMessageId,
    joined_at: now,
  };
}

export async function countRows(db: Kysely<Database>, table: Table): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
