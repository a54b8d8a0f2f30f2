import type { DomainDeps } from '../deps';
import { notFound } from '../errors';
import { MESSAGE_NOT_FOUND } from '../model/message';
import { requireMember } from './access';
import { recordReceipts } from './receipts';
import { countUnread } from './unread';

export interface ReadState {
  conversation_id: number;
  user_id: number;
  last_read_message_id: number | null;
  unread_count: number;
}

/**
 * Marks the conversation read up to a message of it. The mark only moves forward: an older id (a late request
 * from another tab) leaves it where it is.
 */
export async function markRead(
  deps: DomainDeps,
  userId: number,
  conversationId: number,
  messageId: number,
): Promise<ReadState> {
  await requireMember(deps, conversationId, userId);
  const message = await deps.db
    .selectFrom('messages')
    .select('id')
    .where('id', '=', messageId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  if (!message) throw notFound(MESSAGE_NOT_FOUND);

  // Only a mark that moved forward is news to the other members.
  await recordReceipts(deps, [{ conversationId, userId, messageId, kind: 'read' }]);
  return readState(deps, userId, conversationId);
}

async function readState(deps: DomainDeps, userId: number, conversationId: number): Promise<ReadState> {
  const member = await requireMember(deps, conversationId, userId);
  const unread = await countUnread(deps.db, userId, [conversationId]);
  return {
    conversation_id: conversationId,
    user_id: userId,
    last_read_message_id: member.last_read_message_id,
    unread_count: unread.get(conversationId) ?? 0,
  };
}
