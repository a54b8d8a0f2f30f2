import type { DomainDeps } from '../deps';
import { membersOf } from './audience';
import type { JournalEntry } from './journal';
import type { Receipt } from './types';

/**
 * Receipts. A read mark reaches every member (each member's client shows who has read what). A delivery ack
 * reaches only the message's sender (and the acking user's own devices): in a large group, telling every member
 * about every member's device would multiply each message by the group's size squared. Both are journaled, so an
 * offline recipient learns them on resume.
 */
export function receiptJournalEntry(receipt: Receipt): JournalEntry {
  const payload = receiptPayload(receipt);
  return receipt.kind === 'delivered'
    ? { kind: 'receipt', conversationId: null, userId: receipt.senderId, payload }
    : { kind: 'receipt', conversationId: receipt.conversationId, userId: null, payload };
}

/** Publishes receipts recorded with their journal ids, in id order. */
export async function publishReceipts(
  deps: DomainDeps,
  recorded: ReadonlyArray<{ receipt: Receipt; eventId: number }>,
): Promise<void> {
  const membersByConversation = new Map<number, number[]>();
  for (const { receipt, eventId } of recorded) {
    let recipients: number[];
    if (receipt.kind === 'delivered') recipients = [receipt.senderId, receipt.userId];
    else {
      recipients =
        membersByConversation.get(receipt.conversationId) ??
        (await membersOf(deps.db, receipt.conversationId));
      membersByConversation.set(receipt.conversationId, recipients);
    }
    await deps.runtime.hub.publish({
      id: eventId,
      recipients,
      event: { type: 'receipt', ...receiptPayload(receipt) },
    });
  }
}

function receiptPayload(receipt: Receipt) {
  return {
    conversationId: receipt.conversationId,
    userId: receipt.userId,
    messageId: receipt.messageId,
    receipt: receipt.kind,
  };
}
