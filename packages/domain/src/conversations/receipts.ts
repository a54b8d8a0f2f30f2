import { type Database, inGroupCommit, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps } from '../deps';
import { appendAtCommit } from '../realtime/journal';
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
        async (trx, batch) =>
          (await advanceMark(trx, receipt)) ? appendAtCommit(batch, receiptJournalEntry(receipt), now) : null,
        receipt.conversationId,
      ).then((ticket) => (ticket ? { receipt, eventId: ticket.id } : null)),
    ),
  );
  const moved = recorded.filter((entry) => entry !== null).sort((a, b) => a.eventId - b.eventId);
  await publishReceipts(deps, moved);
  return moved.map(({ receipt }) => receipt);
}

async function advanceMark(trx: Kysely<Database>, receipt: Receipt): Promise<boolean> {
  const mark = receipt.kind === 'read' ? moveReadMark : moveDeliveredMark;
  const { conversationId, userId, messageId } = receipt;
  const result = await mark.execute(trx, { conversationId, userId, messageId });
  return Number(result.numAffectedRows) > 0;
}
