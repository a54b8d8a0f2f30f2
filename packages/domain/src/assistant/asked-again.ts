import type { DomainDeps } from '../deps';
import { MESSAGE_STATUS, type MessageView } from '../model/message';
import { loadMessageView } from '../model/message-views';

/**
 * A retry: the chat's newest message is this very question of the user's, with no reply after it and none being
 * written here (the model failed or ran out of time, and C41 stored no reply). It is asked again, not stored again,
 * so "Try again" after a 502 or 504 leaves one question in the chat. Asking anything else, or the same question
 * once it has been answered, stores it as usual.
 */
export async function unansweredRepeat(
  deps: DomainDeps,
  conversationId: number,
  userId: number,
  text: string,
): Promise<MessageView | null> {
  if (deps.runtime.assistant.isReplying(conversationId)) return null;
  const newest = await deps.db
    .selectFrom('messages')
    .select(['id', 'sender_id', 'type', 'status', 'body'])
    .where('conversation_id', '=', conversationId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const repeated =
    newest?.sender_id === userId &&
    newest.type === 'text' &&
    newest.status === MESSAGE_STATUS.active &&
    newest.body === text;
  return repeated ? ((await loadMessageView(deps.db, newest.id)) ?? null) : null;
}
