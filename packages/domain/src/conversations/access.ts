import { type Database, inPowerOfTwoChunks, listItem, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { notFound } from '../errors';
import type { SenderSummary } from '../messages/types';
import { CONVERSATION_NOT_FOUND } from './types';

export interface Membership {
  conversation_id: number;
  user_id: number;
  is_group: boolean;
  created_by: number | null;
  last_read_message_id: number | null;
  title: string;
  /** The member as messages show their sender: a send publishes its message without reading it back. */
  member: SenderSummary;
}

/**
 * Memberships by (conversation, user), for all the checks that arrive in one event-loop turn: one statement per 64
 * instead of one per request (on MariaDB, each statement costs the server more CPU than the rows it reads). Built
 * and compiled once per count (see preparedQuery).
 */
const membershipsQuery = preparedQuery((db, p: { conversationIds: number[]; userIds: number[] }) =>
  db
    .selectFrom('conversation_members as member')
    .innerJoin('conversations', 'conversations.id', 'member.conversation_id')
    .innerJoin('users', 'users.id', 'member.user_id')
    .select([
      'member.conversation_id',
      'member.user_id',
      'member.last_read_message_id',
      'conversations.is_group',
      'conversations.created_by',
      'conversations.title',
      'users.username',
      'users.first_name',
      'users.last_name',
      'users.profile',
    ])
    .where((eb) =>
      eb.or(
        p.conversationIds.map((conversationId, index) =>
          eb.and([
            eb('member.conversation_id', '=', conversationId),
            eb('member.user_id', '=', listItem(p.userIds, index)),
          ]),
        ),
      ),
    ),
);

type MembershipRow = Awaited<ReturnType<typeof membershipsQuery>>[number];

interface Waiting {
  conversationId: number;
  userId: number;
  resolve: (row: MembershipRow | undefined) => void;
  reject: (error: unknown) => void;
}

/** The checks waiting for the end of this event-loop turn, per database. */
const waitingByDb = new WeakMap<Kysely<Database>, Waiting[]>();

function loadMembership(db: Kysely<Database>, conversationId: number, userId: number) {
  return new Promise<MembershipRow | undefined>((resolve, reject) => {
    let waiting = waitingByDb.get(db);
    if (!waiting) {
      const queued: Waiting[] = [];
      waiting = queued;
      waitingByDb.set(db, queued);
      // After the I/O callbacks of this turn: every request that arrived with this one is in the same statement.
      setImmediate(() => {
        waitingByDb.delete(db);
        void readMemberships(db, queued);
      });
    }
    waiting.push({ conversationId, userId, resolve, reject });
  });
}

async function readMemberships(db: Kysely<Database>, waiting: readonly Waiting[]): Promise<void> {
  const keys = [...new Map(waiting.map((w) => [`${w.conversationId}:${w.userId}`, w])).values()];
  const found = new Map<string, MembershipRow>();
  const failed = new Map<string, unknown>();
  for (const chunk of inPowerOfTwoChunks(keys)) {
    try {
      const rows = await membershipsQuery(db, {
        conversationIds: chunk.map((key) => key.conversationId),
        userIds: chunk.map((key) => key.userId),
      });
      for (const row of rows) found.set(`${row.conversation_id}:${row.user_id}`, row);
    } catch (error) {
      for (const key of chunk) failed.set(`${key.conversationId}:${key.userId}`, error);
    }
  }
  for (const w of waiting) {
    const key = `${w.conversationId}:${w.userId}`;
    if (failed.has(key)) w.reject(failed.get(key));
    else w.resolve(found.get(key));
  }
}

/**
 * The one membership check: a row in `conversation_members`, never a match on an id string (S9, S10). A
 * conversation the user is not in answers exactly like one that does not exist.
 */
export async function requireMember(
  db: Kysely<Database>,
  conversationId: number,
  userId: number,
): Promise<Membership> {
  // Inside a transaction the check must read through it: there, one statement of its own.
  const row = db.isTransaction
    ? (await membershipsQuery(db, { conversationIds: [conversationId], userIds: [userId] }))[0]
    : await loadMembership(db, conversationId, userId);
  if (!row) throw notFound(CONVERSATION_NOT_FOUND);
  return {
    conversation_id: row.conversation_id,
    user_id: row.user_id,
    is_group: row.is_group === 1,
    created_by: row.created_by,
    last_read_message_id: row.last_read_message_id,
    title: row.title,
    member: {
      id: row.user_id,
      username: row.username,
      first_name: row.first_name,
      last_name: row.last_name,
      profile: row.profile,
    },
  };
}
