import { type CommitBatch, type Database, inGroupCommit, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps } from '../deps';
import { appendAtCommit, type JournalTicket } from '../realtime/journal';
import { publishReceipts, type Receipt, receiptJournalEntry } from '../realtime/publish';

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

/** A mark to move forward at a batch's `marks` stage. */
interface PendingMark {
  kind: 'read' | 'delivered';
  conversationId: number;
  userId: number;
  messageId: number;
  /** The receipt to journal if the mark moves; null for a mark nobody is told about (a sender's own read mark). */
  receipt: Receipt | null;
  now: number;
  outcome: MarkOutcome;
}

/** Whether a mark moved, and the journal entry of its receipt: set while its batch commits. */
export interface MarkOutcome {
  moved: boolean;
  event: JournalTicket | null;
}

const pendingByBatch = new WeakMap<CommitBatch, PendingMark[]>();

/**
 * Moves a member's mark forward at the `marks` stage of a group-commit batch, with the batch's other marks in
 * (conversation, user) order: every batch takes these row locks in one order, after its messages (see CommitStage).
 * A mark that moves and carries a receipt is journaled.
 */
export function moveMarkAtCommit(batch: CommitBatch, mark: Omit<PendingMark, 'outcome'>): MarkOutcome {
  const outcome: MarkOutcome = { moved: false, event: null };
  let pending = pendingByBatch.get(batch);
  if (!pending) {
    const queued: PendingMark[] = [];
    pending = queued;
    pendingByBatch.set(batch, queued);
    batch.beforeCommit((trx) => writeMarks(trx, batch, queued), 'marks');
  }
  pending.push({ ...mark, outcome });
  return outcome;
}

async function writeMarks(trx: Kysely<Database>, batch: CommitBatch, pending: readonly PendingMark[]) {
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

/**
 * Moves members' read or delivered marks forward and journals a receipt for each mark that moved, then publishes
 * those receipts. Each receipt is a unit of the group commit, ordered by its conversation like the sends it shares
 * batches with. A mark only moves forward: an older id, or a user who is no longer a member, changes nothing and
 * tells nobody. Returns the receipts that moved.
 */
export async function recordReceipts(deps: DomainDeps, receipts: readonly Receipt[]): Promise<Receipt[]> {
  const now = deps.now();
  const recorded = await Promise.all(
    receipts.map((receipt) =>
      inGroupCommit(
        deps.db,
        async (_trx, batch) =>
          moveMarkAtCommit(batch, {
            kind: receipt.kind,
            conversationId: receipt.conversationId,
            userId: receipt.userId,
            messageId: receipt.messageId,
            receipt,
            now,
          }),
        receipt.conversationId,
      ).then(({ event }) => (event ? { receipt, eventId: event.id } : null)),
    ),
  );
  const moved = recorded.filter((entry) => entry !== null).sort((a, b) => a.eventId - b.eventId);
  await publishReceipts(deps, moved);
  return moved.map(({ receipt }) => receipt);
}
