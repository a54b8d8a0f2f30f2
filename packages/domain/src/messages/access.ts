import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { notFound } from '../errors';
import type { MessageRow } from '../model/message';

/**
 * Loads a message for someone who wants to act on it. A message in a conversation the user is not a member of
 * is reported exactly like a missing one, so ids cannot be probed (S4, S5). `notFoundText` keeps each
 * operation's legacy wording.
 */
export async function requireVisibleMessage(
  db: Kysely<Database>,
  userId: number,
  messageId: number,
  notFoundText: string,
): Promise<MessageRow> {
  const message = await db
    .selectFrom('messages')
    .innerJoin('conversation_members as member', (join) =>
      join.onRef('member.conversation_id', '=', 'messages.conversation_id').on('member.user_id', '=', userId),
    )
    .selectAll('messages')
    .where('messages.id', '=', messageId)
    .executeTakeFirst();
  if (!message) throw notFound(notFoundText);
  return message;
}
