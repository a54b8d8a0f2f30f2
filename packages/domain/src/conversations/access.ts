import { type Database, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { notFound } from '../errors';
import { CONVERSATION_NOT_FOUND } from './types';

export interface Membership {
  conversation_id: number;
  user_id: number;
  is_group: boolean;
  created_by: number | null;
  last_read_message_id: number | null;
}

/**
 * The one membership check: a row in `conversation_members`, never a match on an id string (S9, S10). A
 * conversation the user is not in answers exactly like one that does not exist.
 */
export async function requireMember(
  db: Kysely<Database>,
  conversationId: number,
  userId: number,
): Promise<Membership> {
  const [row] = await selectMembership(db, { conversationId, userId });
  if (!row) throw notFound(CONVERSATION_NOT_FOUND);
  return { ...row, is_group: row.is_group === 1 };
}

/** Every conversation-scoped read and write checks membership first: compiled once (see preparedQuery). */
const selectMembership = preparedQuery(
  (db: Kysely<Database>, p: { conversationId: number; userId: number }) =>
    db
      .selectFrom('conversation_members as member')
      .innerJoin('conversations', 'conversations.id', 'member.conversation_id')
      .select([
        'member.conversation_id',
        'member.user_id',
        'member.last_read_message_id',
        'conversations.is_group',
        'conversations.created_by',
      ])
      .where('member.conversation_id', '=', p.conversationId)
      .where('member.user_id', '=', p.userId),
);
