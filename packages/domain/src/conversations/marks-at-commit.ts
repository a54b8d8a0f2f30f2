import { type CommitBatch, type Database, inPowerOfTwoChunks, preparedQuery } from '@chatapp/db';
import { type ExpressionBuilder, type Kysely, MysqlAdapter, sql } from 'kysely';
import { appendAtCommit, type JournalTicket } from '../realtime/journal';
import { type Receipt, receiptJournalEntry } from '../realtime/publish';

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

/** Whether a mark moved, and the journal entry of its receipt: set while its batch commits. */
export interface MarkOutcome {
  moved: boolean;
  event: JournalTicket | null;
}

interface Queued extends PendingMark {
  outcome: MarkOutcome;
}

const pendingByBatch = new WeakMap<CommitBatch, Queued[]>();

/**
 * Moves a member's read or delivered mark forward at the `marks` stage of a group-commit batch, with the batch's
 * other marks: a mark only moves forward (an older id, or a user who is no longer a member, changes nothing), and
 * one that moves and carries a receipt is journaled.
 */
export function moveMarkAtCommit(batch: CommitBatch, mark: PendingMark): MarkOutcome {
  const outcome: MarkOutcome = { moved: false, event: null };
  let pending = pendingByBatch.get(batch);
  if (!pending) {
    const queued: Queued[] = [];
    pending = queued;
    pendingByBatch.set(batch, queued);
    batch.beforeCommit((trx) => writeMarks(trx, batch, queued), 'marks');
  }
  pending.push({ ...mark, outcome });
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
async function writeMarks(trx: Kysely<Database>, batch: CommitBatch, pending: readonly Queued[]) {
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
  const mysql = trx.getExecutor().adapter instanceof MysqlAdapter;
  for (const chunk of inPowerOfTwoChunks(members)) {
    const keys = {
      conversationIds: chunk.map((member) => member.conversationId),
      userIds: chunk.map((member) => member.userId),
    };
    const rows = await (mysql ? readMarksForUpdateMysql : readMarks)(trx, keys);
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
        mark.outcome.moved = true;
        if (mark.receipt)
          mark.outcome.event = appendAtCommit(batch, receiptJournalEntry(mark.receipt), mark.now);
      }
      if (read !== row.last_read_message_id || delivered !== row.last_delivered_message_id) {
        moved.push({ member, read, delivered });
      }
    }
    for (const part of inPowerOfTwoChunks(moved)) {
      await (mysql ? writeMemberMarksMysql : writeMemberMarks).execute(trx, {
        conversationIds: part.map(({ member }) => member.conversationId),
        userIds: part.map(({ member }) => member.userId),
        reads: part.map(({ read }) => read),
        delivereds: part.map(({ delivered }) => delivered),
      });
    }
  }
}

// A type, not an interface: prepared-query parameters must be a plain record.
type MemberKeys = {
  conversationIds: number[];
  userIds: number[];
};

/** `(conversation_id = ? and user_id = ?) or …`: primary-key lookups, which both engines visit in key order. */
function isOneOf(eb: ExpressionBuilder<Database, 'conversation_members'>, p: MemberKeys) {
  return eb.or(
    p.conversationIds.map((conversationId, index) =>
      eb.and([eb('conversation_id', '=', conversationId), eb('user_id', '=', at(p.userIds, index))]),
    ),
  );
}

function selectMarks(db: Kysely<Database>, p: MemberKeys) {
  return db
    .selectFrom('conversation_members')
    .select(['conversation_id', 'user_id', 'last_read_message_id', 'last_delivered_message_id'])
    .where((eb) => isOneOf(eb, p));
}

const readMarks = preparedQuery(selectMarks);

/**
 * MySQL/MariaDB: a locking read, which also sees marks committed since this transaction's snapshot. It names the
 * primary key: left to choose, MariaDB read small tables through the `user_id` index in some statements and the
 * primary key in others, locking rows in different orders, and batches deadlocked. (Kysely has no index hints,
 * hence the SQL.)
 */
const readMarksForUpdateMysql = preparedQuery((db: Kysely<Database>, p: MemberKeys) => ({
  compile: () =>
    sql<MarkRow>`select conversation_id, user_id, last_read_message_id, last_delivered_message_id
      from conversation_members force index (primary) where ${keysSql(p)} for update`.compile(db),
}));

/** The same write as writeMemberMarks, through the primary key (see readMarksForUpdateMysql). */
const writeMemberMarksMysql = preparedQuery(
  (
    db: Kysely<Database>,
    p: MemberKeys & { reads: Array<number | null>; delivereds: Array<number | null> },
  ) => ({
    compile: () => {
      const perMember = (column: string, values: Array<number | null>) =>
        sql`case ${sql.join(
          p.conversationIds.map((_, index) => sql`when ${keySql(p, index)} then ${at(values, index)}`),
          sql` `,
        )} else ${sql.ref(column)} end`;
      return sql`update conversation_members force index (primary)
        set last_read_message_id = ${perMember('last_read_message_id', p.reads)},
          last_delivered_message_id = ${perMember('last_delivered_message_id', p.delivereds)}
        where ${keysSql(p)}`.compile(db);
    },
  }),
);

interface MarkRow {
  conversation_id: number;
  user_id: number;
  last_read_message_id: number | null;
  last_delivered_message_id: number | null;
}

function keySql(p: MemberKeys, index: number) {
  return sql`(conversation_id = ${at(p.conversationIds, index)} and user_id = ${at(p.userIds, index)})`;
}

function keysSql(p: MemberKeys) {
  return sql.join(
    p.conversationIds.map((_, index) => keySql(p, index)),
    sql` or `,
  );
}

/** Each member's two marks, for a chunk of members in one statement (CASE per member, others untouched). */
const writeMemberMarks = preparedQuery(
  (db, p: MemberKeys & { reads: Array<number | null>; delivereds: Array<number | null> }) =>
    db
      .updateTable('conversation_members')
      .set((eb) => {
        // CASE WHEN conversation_id = ? AND user_id = ? THEN ? … ELSE <the column> END, a branch per member.
        const isMember = (index: number) =>
          eb.and([
            eb('conversation_id', '=', at(p.conversationIds, index)),
            eb('user_id', '=', at(p.userIds, index)),
          ]);
        const perMember = (
          column: 'last_read_message_id' | 'last_delivered_message_id',
          values: Array<number | null>,
        ) =>
          p.conversationIds
            .slice(1)
            .reduce(
              (chain, _, index) => chain.when(isMember(index + 1)).then(at(values, index + 1)),
              eb.case().when(isMember(0)).then(at(values, 0)),
            )
            .else(eb.ref(column))
            .end();
        return {
          last_read_message_id: perMember('last_read_message_id', p.reads),
          last_delivered_message_id: perMember('last_delivered_message_id', p.delivereds),
        };
      })
      .where((eb) => isOneOf(eb, p)),
);

/** Item `index` of a list parameter of the same length as `conversationIds`. */
function at<T>(list: readonly T[], index: number): T {
  return list[index] as T;
}
