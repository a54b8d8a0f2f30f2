import type { DomainDeps } from '../deps';
import { forbidden, invalid } from '../errors';
import { publishMessageEvent, recordMessageEvent } from '../events/message-events';
import { MESSAGE_STATUS, type MessageView } from '../model/message';
import { loadMessageView } from '../model/message-views';
import { requireVisibleMessage } from './access';
import { requireTextBody } from './body';

/** The legacy updateMessage texts (contract §3.11). */
export const EDIT_ERRORS = {
  notFound: 'Message not found.',
  notSender: 'You are not allowed to update this message.',
  deleted: 'Deleted messages cannot be updated.',
  notText: 'Only text messages can be edited',
} as const;

/**
 * Replaces the body of one's own text message. The previous body is kept in `message_edits`, so every version
 * stays readable by the conversation's members; `is_edited` becomes true.
 *
 * Every write is conditional on the message not being deleted, so an edit racing a delete can never bring the
 * message back (C10, R3): the first UPDATE claims the row (on MySQL it holds the row lock from then on), the
 * history row copies the body as it is at that moment, the second UPDATE writes the new body.
 */
export async function editMessage(
  deps: DomainDeps,
  editorId: number,
  messageId: number,
  body: string,
): Promise<MessageView> {
  const message = await requireVisibleMessage(deps.db, editorId, messageId, EDIT_ERRORS.notFound);
  if (message.sender_id !== editorId) throw forbidden(EDIT_ERRORS.notSender);
  if (message.status === MESSAGE_STATUS.deleted) throw invalid(EDIT_ERRORS.deleted);
  if (message.type !== 'text') throw invalid(EDIT_ERRORS.notText);
  const newBody = requireTextBody(body);

  const now = deps.now();
  const edited = await deps.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('messages')
      .set({ is_edited: 1, updated_at: now })
      .where('id', '=', messageId)
      .where('sender_id', '=', editorId)
      .where('status', '!=', MESSAGE_STATUS.deleted)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return null;
    await trx
      .insertInto('message_edits')
      .columns(['message_id', 'previous_body', 'edited_at'])
      .expression((eb) =>
        eb
          .selectFrom('messages')
          .select((inner) => ['messages.id', 'messages.body', inner.val(now).as('edited_at')])
          .where('messages.id', '=', messageId),
      )
      .execute();
    await trx
      .updateTable('messages')
      .set({ body: newBody })
      .where('id', '=', messageId)
      .where('status', '!=', MESSAGE_STATUS.deleted)
      .execute();
    return recordMessageEvent(
      trx,
      'message.edited',
      { id: messageId, conversationId: message.conversation_id },
      now,
    );
  });
  // Deleted between the checks above and the claim.
  if (edited === null) throw invalid(EDIT_ERRORS.deleted);
  await publishMessageEvent(deps, edited, 'message.edited', messageId);

  const view = await loadMessageView(deps.db, messageId);
  if (!view) throw invalid(EDIT_ERRORS.deleted);
  return view;
}
