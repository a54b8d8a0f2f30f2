import {
  atCommit,
  type CommitBatch,
  type Database,
  inPowerOfTwoChunks,
  listItem,
  preparedQuery,
} from '@chatapp/db';
import { type Kysely, MysqlAdapter, sql } from 'kysely';
import { appendAtCommit, type JournalTicket } from '../events/journal';
import { receiptJournalEntry } from '../events/receipt-events';
import type { Receipt } from '../events/types';

/** A mark to move forward at a batch's `marks` stage. */
export interface PendingMark {
  kind: 'read' | 'delivered';
  conversationId: number;
  userId: number;
  messageId: number;
  /** The receipt to journal if the mark moves; null for a mark nobody is told about (a sender's own read mark). */
  receipt: Receipt | null;
  now: number;
}

/** The journal entry of a receipt whose mark moved (null otherwise): set while its batch commits. */
export interface MarkOutcome {
  event: JournalTicket | null;
}

interface Queued extends PendingMark {
  outcome: MarkOutcome;
}

/**
 * Moves a member's read or delivered mark forward at the `marks` stage of a group-commit batch, with the batch's
 * other marks: a mark only moves forward (an older id, or a user who is no longer a member, changes nothing), and
 * one that moves and carries a receipt is journaled.
 */
export function moveMarkAtCommit(batch: CommitBatch, mark: PendingMark): MarkOutcome {
  const outcome: MarkOutcome = { event: null };
  marksAtCommit.add(batch, { ...mark, outcome });
  return outcome;
}

interface MemberMarks {
  conversationId: number;
  userId: number;
  marks: Queued[];
}

/**
 * Every mark of the batch in two statements per 64 members, not one per mark: the members' rows are read (and on
 * MySQL locked through the primary key, so in (conversation, user) order and batches cannot deadlock on them: see
 * CommitStage), the marks that move are worked out here, and each member's row is written once with its new marks.
 * On MariaDB each statement costs more of the server's CPU than the row it writes.
 */
const marksAtCommit = atCommit<Queued>('marks', async (trx, pending, batch) => {
  const byMember = new Map<string, MemberMarks>();
  for (const mark of pending) {
    const key = `${mark.conversationId}:${mark.userId}`;
    const member = byMember.get(key);
    if (member) member.marks.push(mark);
    else byMember.set(key, { conversationId: mark.conversationId, userId: mark.userId, marks: [mark] });
  }
  const members = [...byMember.values()].sort(
    (a, b) => a.conversationId - b.conversationId || a.userId - b.userId,
  );
  for (const chunk of inPowerOfTwoChunks(members)) {
    const keys = {
      conversationIds: chunk.map((member) => member.conversationId),
      userIds: chunk.map((member) => member.userId),
    };
    const rows = await readMarks(trx, keys);
    const current = new Map(rows.map((row) => [`${row.conversation_id}:${row.user_id}`, row]));
    const moved: Array<{ member: MemberMarks; read: number | null; delivered: number | null }> = [];
    for (const member of chunk) {
      const row = current.get(`${member.conversationId}:${member.userId}`);
      if (!row) continue;
      let read = row.last_read_message_id;
      let delivered = row.last_delivered_message_id;
      // In id order, as one conditional update per mark would have moved them.
      for (const mark of [...member.marks].sort((a, b) => a.messageId - b.messageId)) {
        const before = mark.kind === 'read' ? read : delivered;
        if (before !== null && before >= mark.messageId) continue;
        if (mark.kind === 'read') read = mark.messageId;
        else delivered = mark.messageId;
        if (mark.receipt)
          mark.outcome.event = appendAtCommit(batch, receiptJournalEntry(mark.receipt), mark.now);
      }
      if (read !== row.last_read_message_id || delivered !== row.last_delivered_message_id) {
        moved.push({ member, read, delivered });
      }
    }
    for (const part of inPowerOfTwoChunks(moved)) {
      await writeMemberMarks.execute(trx, {
        conversationIds: part.map(({ member }) => member.conversationId),
        userIds: part.map(({ member }) => member.userId),
        reads: part.map(({ read }) => read),
        delivereds: part.map(({ delivered }) => delivered),
      });
    }
  }
});

// A type, not an interface: prepared-query parameters must be a plain record.
type MemberKeys = {
  conversationIds: number[];
  userIds: number[];
};

interface MarkRow {
  conversation_id: number;
  user_id: number;
  last_read_message_id: number | null;
  last_delivered_message_id: number | null;
}

/**
 * On MySQL/MariaDB the statements name the primary key and the read locks its rows (which also makes it see marks
 * committed since this transaction's snapshot): left to choose, MariaDB read small tables through the `user_id`
 * index in some statements and the primary key in others, locking rows in different orders, and batches
 * deadlocked. SQLite has one writer at a time and neither clause. (Kysely has no index hints, hence the SQL.)
 */
function mysqlOnly(db: Kysely<Database>, clause: string) {
  return sql.raw(db.getExecutor().adapter instanceof MysqlAdapter ? ` ${clause}` : '');
}

const readMarks = preparedQuery((db: Kysely<Database>, p: MemberKeys) => ({
  compile: () =>
    sql<MarkRow>`select conversation_id, user_id, last_read_message_id, last_delivered_message_id
      from conversation_members${mysqlOnly(db, 'force index (primary)')}
      where ${keysSql(p)}${mysqlOnly(db, 'for update')}`.compile(db),
}));

/** Each member's two marks, for a chunk of members in one statement (a CASE branch per member). */
const writeMemberMarks = preparedQuery(
  (
    db: Kysely<Database>,
    p: MemberKeys & { reads: Array<number | null>; delivereds: Array<number | null> },
  ) => ({
    compile: () => {
      const perMember = (column: string, values: Array<number | null>) =>
        sql`case ${sql.join(
          p.conversationIds.map((_, index) => sql`when ${keySql(p, index)} then ${listItem(values, index)}`),
          sql` `,
        )} else ${sql.ref(column)} end`;
      return sql`update conversation_members${mysqlOnly(db, 'force index (primary)')}
        set last_read_message_id = ${perMember('last_read_message_id', p.reads)},
          last_delivered_message_id = ${perMember('last_delivered_message_id', p.delivereds)}
        where ${keysSql(p)}`.compile(db);
    },
  }),
);

/** `(conversation_id = ? and user_id = ?)`: one member's primary key. */
function keySql(p: MemberKeys, index: number) {
  return sql`(conversation_id = ${listItem(p.conversationIds, index)} and user_id = ${listItem(p.userIds, index)})`;
}

function keysSql(p: MemberKeys) {
  return sql.join(
    p.conversationIds.map((_, index) => keySql(p, index)),
    sql` or `,
  );
}
