import type { DomainDeps } from '../deps';
import { publishReceipts } from '../events/receipt-events';
import type { Receipt } from '../events/types';
import { requireMember } from './access';
import { moveMarkAtCommit } from './marks-at-commit';

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
      deps.runtime.commits
        .run(
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
        )
        .then(({ event }) => (event ? { receipt, eventId: event.id } : null)),
    ),
  );
  const moved = recorded.filter((entry) => entry !== null).sort((a, b) => a.eventId - b.eventId);
  await publishReceipts(deps, moved);
  return moved.map(({ receipt }) => receipt);
}

/** A member's marks: how far they have read, and how far their devices have received. */
export interface MemberMarks {
  user_id: number;
  last_read_message_id: number | null;
  last_delivered_message_id: number | null;
}

/**
 * Every member's read and delivered marks, in member (join) order: the snapshot a client draws ticks and "read by"
 * from, then keeps current from `receipt` events. Only a member may see them (404 "Conversation not found" else).
 */
export async function receiptMarks(
  deps: DomainDeps,
  userId: number,
  conversationId: number,
): Promise<MemberMarks[]> {
  await requireMember(deps, conversationId, userId);
  return deps.db
    .selectFrom('conversation_members')
    .select(['user_id', 'last_read_message_id', 'last_delivered_message_id'])
    .where('conversation_id', '=', conversationId)
    .orderBy('position')
    .orderBy('user_id')
    .execute();
}
