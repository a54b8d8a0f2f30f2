import { type Database, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { notFound } from '../errors';
import type { SenderSummary } from '../messages/types';
import { CONVERSATION_NOT_FOUND } from './types';

export interface Membership {
  conversation_id: number;
  user_id: number;
  is_group: boolean;
  created_by: number | null;
  last_read_message_id: number | null;
  title: string;
  /** The member as messages show their sender: a send publishes its message without reading it back. */
  member: SenderSummary;
}

/** On every request, so built and compiled once (see preparedQuery). */
const membershipQuery = preparedQuery((db, p: { conversationId: number; userId: number }) =>
  db
    .selectFrom('conversation_members as member')
    .innerJoin('conversations', 'conversations.id', 'member.conversation_id')
    .innerJoin('users', 'users.id', 'member.user_id')
    .select([
      'member.conversation_id',
      'member.user_id',
      'member.last_read_message_id',
      'conversations.is_group',
      'conversations.created_by',
      'conversations.title',
      'users.username',
      'users.first_name',
      'users.last_name',
      'users.profile',
    ])
    .where('member.conversation_id', '=', p.conversationId)
    .where('member.user_id', '=', p.userId),
);

/**
 * The one membership check: a row in `conversation_members`, never a match on an id string (S9, S10). A
 * conversation the user is not in answers exactly like one that does not exist.
 */
export async function requireMember(
  db: Kysely<Database>,
  conversationId: number,
  userId: number,
): Promise<Membership> {
  const row = await membershipQuery.first(db, { conversationId, userId });
  if (!row) throw notFound(CONVERSATION_NOT_FOUND);
  return {
    conversation_id: row.conversation_id,
    user_id: row.user_id,
    is_group: row.is_group === 1,
    created_by: row.created_by,
    last_read_message_id: row.last_read_message_id,
    title: row.title,
    member: {
      id: row.user_id,
      username: row.username,
      first_name: row.first_name,
      last_name: row.last_name,
      profile: row.profile,
    },
  };
}
