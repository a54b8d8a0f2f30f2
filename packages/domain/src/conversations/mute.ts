import type { DomainDeps } from '../deps';
import { publishMemberSettingEvent, recordMemberSettingEvent } from '../events/conversation-events';
import { requireMember } from './access';
import { getConversation } from './list';
import type { ConversationView } from './types';

/**
 * Mutes or unmutes a conversation for one member: their clients then neither notify for it nor count it in their
 * unread total. It is that member's setting alone and is kept on the server so that it follows them to every
 * device; the change reaches their own connections only (it drops their cached list pages too). Setting what is
 * already set changes nothing and tells no one.
 */
export async function setMuted(
  deps: DomainDeps,
  userId: number,
  conversationId: number,
  muted: boolean,
): Promise<ConversationView> {
  await requireMember(deps, conversationId, userId);
  const value = muted ? 1 : 0;
  const eventId = await deps.db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('conversation_members')
      .set({ muted: value })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .where('muted', '!=', value)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return null;
    return recordMemberSettingEvent(trx, userId, conversationId, deps.now());
  });
  if (eventId !== null) await publishMemberSettingEvent(deps, eventId, userId, conversationId);
  return getConversation(deps, userId, conversationId);
}
