import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps } from '../deps';
import { appendManyToJournal } from '../realtime/journal';
import { publishReceipts, type Receipt, receiptJournalEntry } from '../realtime/publish';

/**
 * Moves members' read or delivered marks forward and journals a receipt for each mark that moved, all in one
 * transaction, then publishes those receipts. A mark only moves forward (one conditional UPDATE each, so concurrent
 * calls stay monotonic without a read-modify-write); an older id, or a user who is no longer a member, changes
 * nothing and tells nobody. Returns the receipts that moved.
 */
export async function recordReceipts(deps: DomainDeps, receipts: readonly Receipt[]): Promise<Receipt[]> {
  if (receipts.length === 0) return [];
  const now = deps.now();
  const recorded = await deps.db.transaction().execute(async (trx) => {
    const moved: Receipt[] = [];
    for (const receipt of receipts) if (await advanceMark(trx, receipt)) moved.push(receipt);
    const ids = await appendManyToJournal(trx, moved.map(receiptJournalEntry), now);
    return moved.map((receipt, index) => ({ receipt, eventId: ids[index] ?? 0 }));
  });
  await publishReceipts(deps, recorded);
  return recorded.map(({ receipt }) => receipt);
}

async function advanceMark(trx: Kysely<Database>, receipt: Receipt): Promise<boolean> {
  const { conversationId, userId, messageId } = receipt;
  const column = receipt.kind === 'read' ? 'last_read_message_id' : 'last_delivered_message_id';
  const result = await trx
    .updateTable('conversation_members')
    .set({ [column]: messageId })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb(column, 'is', null), eb(column, '<', messageId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
