import {
  advanceSequence,
  atCommit,
  type CommitBatch,
  type Database,
  inPowerOfTwoChunks,
  listItem,
  preparedQuery,
  type RealtimeEventsTable,
  readSequences,
} from '@chatapp/db';
import type { Kysely, Selectable } from 'kysely';

/**
 * The durable realtime log. Every change that clients must not miss is appended here in the same transaction as
 * the change itself, so a subscriber that reconnects with its last event id can replay exactly what it missed.
 * Rows hold references (ids), not copies: replay reads the current state, so a deleted message's body is never
 * resent.
 */
export interface JournalEntry {
  kind: string;
  /** Conversation-scoped events reach the conversation's members; user-scoped ones reach that user. */
  conversationId: number | null;
  userId: number | null;
  payload: Record<string, unknown>;
}

export interface JournalRow {
  id: number;
  kind: string;
  conversationId: number | null;
  userId: number | null;
  payload: Record<string, unknown>;
  createdAt: number;
}

/** One event, on the send path: built and compiled once. */
const insertOne = preparedQuery(
  (
    db,
    p: {
      id: number;
      kind: string;
      conversationId: number | null;
      userId: number | null;
      payload: string;
      now: number;
    },
  ) =>
    db.insertInto('realtime_events').values({
      id: p.id,
      kind: p.kind,
      conversation_id: p.conversationId,
      user_id: p.userId,
      payload: p.payload,
      created_at: p.now,
    }),
);

/** Appends an event; must run inside the caller's transaction (the sequence row lock orders commits). */
export async function appendToJournal(
  trx: Kysely<Database>,
  entry: JournalEntry,
  now: number,
): Promise<number> {
  const id = await advanceSequence(trx, 'events', 1);
  await insertOne.execute(trx, {
    id,
    kind: entry.kind,
    conversationId: entry.conversationId,
    userId: entry.userId,
    payload: JSON.stringify(entry.payload),
    now,
  });
  return id;
}

/** An event's journal id, known once its batch has committed (see appendAtCommit). */
export interface JournalTicket {
  id: number;
}

interface QueuedEntry {
  entry: JournalEntry;
  now: number;
  ticket: JournalTicket;
}

/** The `journal` stage of a batch: its events' ids in one sequence step, their rows in one insert per 64. */
const journalAtCommit = atCommit<QueuedEntry>('journal', async (trx, queued) => {
  const ids = await appendManyToJournal(
    trx,
    queued.map((item) => item.entry),
    queued[0]?.now ?? 0,
  );
  for (const [index, item] of queued.entries()) item.ticket.id = ids[index] ?? 0;
});

/**
 * Appends an event at the end of a group-commit batch: every event of the batch takes its id in one sequence step
 * and is written in one insert, just before the commit. Holding the sequence row's lock only from there to the
 * commit is what lets batches on other conversations run side by side (MySQL); ids still become visible in commit
 * order. The ticket's id is set when the batch's transaction resolves.
 */
export function appendAtCommit(batch: CommitBatch, entry: JournalEntry, now: number): JournalTicket {
  const ticket: JournalTicket = { id: 0 };
  journalAtCommit.add(batch, { entry, now, ticket });
  return ticket;
}

/**
 * Appends several events with one sequence statement and one insert per 64, in the caller's transaction; returns
 * their ids in the order given (consecutive).
 */
export async function appendManyToJournal(
  trx: Kysely<Database>,
  entries: readonly JournalEntry[],
  now: number,
): Promise<number[]> {
  if (entries.length === 0) return [];
  const last = await advanceSequence(trx, 'events', entries.length);
  const first = last - entries.length + 1;
  const ids = entries.map((_, index) => first + index);
  let start = 0;
  for (const chunk of inPowerOfTwoChunks(entries)) {
    await insertMany.execute(trx, {
      ids: ids.slice(start, start + chunk.length),
      kinds: chunk.map((entry) => entry.kind),
      conversationIds: chunk.map((entry) => entry.conversationId),
      userIds: chunk.map((entry) => entry.userId),
      payloads: chunk.map((entry) => JSON.stringify(entry.payload)),
      now,
    });
    start += chunk.length;
  }
  return ids;
}

/** Several events in one statement, built once per row count (see inPowerOfTwoChunks). */
const insertMany = preparedQuery(
  (
    db,
    p: {
      ids: number[];
      kinds: string[];
      conversationIds: Array<number | null>;
      userIds: Array<number | null>;
      payloads: string[];
      now: number;
    },
  ) =>
    db.insertInto('realtime_events').values(
      p.ids.map((id, index) => ({
        id,
        kind: listItem(p.kinds, index),
        conversation_id: listItem(p.conversationIds, index),
        user_id: listItem(p.userIds, index),
        payload: listItem(p.payloads, index),
        created_at: p.now,
      })),
    ),
);

/** Events for `userId` after `afterId`, oldest first: its conversations' events and those addressed to it. */
export async function readJournalAfter(
  db: Kysely<Database>,
  userId: number,
  afterId: number,
  limit: number,
): Promise<JournalRow[]> {
  const rows = await db
    .selectFrom('realtime_events')
    .selectAll()
    .where('id', '>', afterId)
    .where((eb) =>
      eb.or([
        eb('user_id', '=', userId),
        eb(
          'conversation_id',
          'in',
          eb.selectFrom('conversation_members').select('conversation_id').where('user_id', '=', userId),
        ),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toJournalRow);
}

/** One event by id (used to recover an event whose publisher died before publishing it). */
export async function readJournalEntry(db: Kysely<Database>, id: number): Promise<JournalRow | undefined> {
  const row = await db.selectFrom('realtime_events').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toJournalRow(row);
}

function toJournalRow(row: Selectable<RealtimeEventsTable>): JournalRow {
  return {
    id: Number(row.id),
    kind: row.kind,
    conversationId: row.conversation_id,
    userId: row.user_id,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: Number(row.created_at),
  };
}

/** The newest committed event id (0 when none): where a fresh subscriber starts. One primary-key read. */
export async function latestJournalId(db: Kysely<Database>): Promise<number> {
  return (await readSequences(db, ['events'])).events;
}
