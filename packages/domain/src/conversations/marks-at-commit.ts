import { type CommitBatch, type Database, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';
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

/**
 * The batch's marks in (conversation, user) order, one conditional update each: every batch takes these row locks in
 * one order (see CommitStage), and a mark moves only forward without a read first. (Reading the marks of a whole
 * batch in one locking statement was tried: MariaDB then locked the rows of small tables through either index, in
 * different orders from batch to batch, and batches deadlocked.)
 */
async function writeMarks(trx: Kysely<Database>, batch: CommitBatch, pending: readonly Queued[]) {
  const ordered = [...pending].sort(
    (a, b) => a.conversationId - b.conversationId || a.userId - b.userId || a.messageId - b.messageId,
  );
  for (const mark of ordered) {
    const statement = mark.kind === 'read' ? moveReadMark : moveDeliveredMark;
    const { conversationId, userId, messageId } = mark;
    const result = await statement.execute(trx, { conversationId, userId, messageId });
    mark.outcome.moved = Number(result.numAffectedRows) > 0;
    if (mark.outcome.moved && mark.receipt) {
      mark.outcome.event = appendAtCommit(batch, receiptJournalEntry(mark.receipt), mark.now);
    }
  }
}

/** One conditional UPDATE per mark, so concurrent calls stay monotonic without a read-modify-write. */
const moveReadMark = preparedQuery((db, p: { conversationId: number; userId: number; messageId: number }) =>
  db
    .updateTable('conversation_members')
    .set({ last_read_message_id: p.messageId })
    .where('conversation_id', '=', p.conversationId)
    .where('user_id', '=', p.userId)
    .where((eb) =>
      eb.or([eb('last_read_message_id', 'is', null), eb('last_read_message_id', '<', p.messageId)]),
    ),
);

const moveDeliveredMark = preparedQuery(
  (db, p: { conversationId: number; userId: number; messageId: number }) =>
    db
      .updateTable('conversation_members')
      .set({ last_delivered_message_id: p.messageId })
      .where('conversation_id', '=', p.conversationId)
      .where('user_id', '=', p.userId)
      .where((eb) =>
        eb.or([
          eb('last_delivered_message_id', 'is', null),
          eb('last_delivered_message_id', '<', p.messageId),
        ]),
      ),
);
