import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { selectMessages, toMessageView } from '../model/message-views';
import type { MessageSnapshot } from './types';

/** Current state of messages (deleted ones already blanked) with their conversation's title, by id. */
export async function loadMessageSnapshots(
  db: Kysely<Database>,
  messageIds: readonly number[],
): Promise<Map<number, MessageSnapshot>> {
  if (messageIds.length === 0) return new Map();
  const rows = await selectMessages(db)
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select(['conversations.title as conversation_title', 'conversations.is_group as conversation_is_group'])
    .where('messages.id', 'in', [...messageIds])
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        message: toMessageView(row),
        conversationTitle: row.conversation_title,
        conversationIsGroup: Boolean(row.conversation_is_group),
      },
    ]),
  );
}
