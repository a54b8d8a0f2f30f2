import { type Database, inPowerOfTwoChunks, listItem, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';

/**
 * Memberships by (conversation, user), joined with what a send needs of its conversation and sender. Built and
 * compiled once per count of keys (see preparedQuery).
 */
export const membershipsQuery = preparedQuery((db, p: { conversationIds: number[]; userIds: number[] }) =>
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

export type MembershipRow = Awaited<ReturnType<typeof membershipsQuery>>[number];

interface Waiting {
  conversationId: number;
  userId: number;
  resolve: (row: MembershipRow | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * The membership checks that arrive in one event-loop turn, read together: one statement per 64 instead of one
 * per request (on MariaDB, each statement costs the server more CPU than the rows it reads). One per process (the
 * runtime's `memberships`).
 */
export class MembershipReads {
  /** The checks waiting for the end of this event-loop turn. */
  private waiting: Waiting[] | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  load(conversationId: number, userId: number): Promise<MembershipRow | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.waiting) {
        const queued: Waiting[] = [];
        this.waiting = queued;
        // After the I/O callbacks of this turn: every request that arrived with this one is in the same statement.
        setImmediate(() => {
          this.waiting = null;
          void this.read(queued);
        });
      }
      this.waiting.push({ conversationId, userId, resolve, reject });
    });
  }

  private async read(waiting: readonly Waiting[]): Promise<void> {
    const keys = [...new Map(waiting.map((w) => [`${w.conversationId}:${w.userId}`, w])).values()];
    const found = new Map<string, MembershipRow>();
    const failed = new Map<string, unknown>();
    for (const chunk of inPowerOfTwoChunks(keys)) {
      try {
        const rows = await membershipsQuery(this.db, {
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
}
