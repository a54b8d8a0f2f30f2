import type { DomainDeps } from '../deps';
import { forbidden, invalid } from '../errors';
import { publishMessageEvent, recordMessageEvent } from '../events/message-events';
import { releaseFiles } from '../media/files';
import { MESSAGE_NOT_FOUND, MESSAGE_STATUS, type MessageView } from '../model/message';
import { loadMessageView } from '../model/message-views';
import { requireVisibleMessage } from './access';

/** The legacy deleteMessage texts (contract §3.12). */
export const DELETE_ERRORS = {
  notFound: MESSAGE_NOT_FOUND,
  notSender: 'Sender not authorized',
  alreadyDeleted: 'Message already deleted',
} as const;

/**
 * Deletes one's own message for everyone. The row stays (the legacy client shows "This message was deleted"),
 * but its body, media and edit history are wiped in the same transaction, so no later read can return them (C9).
 * Its media row goes too, and after commit its files, unless something else still uses them.
 * The result is the message as it now is: status "delete" (the legacy response showed the stale status: C8).
 */
export async function deleteMessage(
  deps: DomainDeps,
  userId: number,
  messageId: number,
): Promise<MessageView> {
  const message = await requireVisibleMessage(deps.db, userId, messageId, DELETE_ERRORS.notFound);
  if (message.sender_id !== userId) throw forbidden(DELETE_ERRORS.notSender);
  if (message.status === MESSAGE_STATUS.deleted) throw invalid(DELETE_ERRORS.alreadyDeleted);

  const now = deps.now();
  const deleted = await deps.db.transaction().execute(async (trx) => {
    // Conditional, so two concurrent deletes cannot both succeed.
    const result = await trx
      .updateTable('messages')
      .set({
        status: MESSAGE_STATUS.deleted,
        body: '',
        media_id: null,
        media_url: null,
        deleted_at: now,
        updated_at: now,
      })
      .where('id', '=', messageId)
      .where('sender_id', '=', userId)
      .where('status', '!=', MESSAGE_STATUS.deleted)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return null;
    await trx.deleteFrom('message_edits').where('message_id', '=', messageId).execute();
    const files = [message.media_url];
    if (message.media_id !== null) {
      const media = await trx
        .selectFrom('media')
        .select('thumb_path')
        .where('id', '=', message.media_id)
        .executeTakeFirst();
      files.push(media?.thumb_path ?? null);
      await trx.deleteFrom('media').where('id', '=', message.media_id).execute();
    }
    const eventId = await recordMessageEvent(
      trx,
      'message.deleted',
      { id: messageId, conversationId: message.conversation_id },
      now,
    );
    return { eventId, files };
  });
  if (deleted === null) throw invalid(DELETE_ERRORS.alreadyDeleted);
  await publishMessageEvent(deps, deleted.eventId, 'message.deleted', messageId);
  await releaseFiles(deps, deleted.files);

  const view = await loadMessageView(deps.db, messageId);
  if (!view) throw invalid(DELETE_ERRORS.alreadyDeleted);
  return view;
}
