import type { DomainDeps } from '../deps';
import { MESSAGE_NOT_FOUND, MESSAGE_STATUS, type MessageView } from '../model/message';
import { loadMessageView } from '../model/message-views';
import { requireVisibleMessage } from './access';

export interface MessageEdit {
  id: number;
  message_id: number;
  /** The body as it was before this edit. */
  previous_body: string;
  edited_at: number;
}

export interface EditHistory {
  message: MessageView;
  /** Oldest first; the current body is the message's own. Empty for a deleted message. */
  edits: MessageEdit[];
}

/** Every earlier version of a message, for the members of its conversation. */
export async function listEdits(deps: DomainDeps, viewerId: number, messageId: number): Promise<EditHistory> {
  const message = await requireVisibleMessage(deps.db, viewerId, messageId, MESSAGE_NOT_FOUND);
  const view = await loadMessageView(deps.db, messageId);
  if (!view) throw new Error(`Message ${messageId} has no sender`);
  // Deleting wipes the history; the check also covers rows deleted before that rule (imported data).
  if (message.status === MESSAGE_STATUS.deleted) return { message: view, edits: [] };
  const edits = await deps.db
    .selectFrom('message_edits')
    .select(['id', 'message_id', 'previous_body', 'edited_at'])
    .where('message_id', '=', messageId)
    .orderBy('id')
    .execute();
  return { message: view, edits };
}
