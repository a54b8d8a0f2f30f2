import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { selectMessages, toMessageView } from '../messages/select';
import type { MessageView } from '../messages/types';
import type { ConversationRow, ConversationView, MemberSummary } from './types';
import { countUnread } from './unread';

/** A conversation row with the viewer's own membership columns. */
export interface ViewerConversationRow extends ConversationRow {
  last_read_message_id: number | null;
}

/** The viewer's conversations joined with their membership: the base of every conversation read. */
export function selectViewerConversations(db: Kysely<Database>, viewerId: number) {
  return db
    .selectFrom('conversation_members as viewer')
    .innerJoin('conversations', 'conversations.id', 'viewer.conversation_id')
    .selectAll('conversations')
    .select('viewer.last_read_message_id')
    .where('viewer.user_id', '=', viewerId);
}

/**
 * Completes a page of conversations with three batched queries (members, last messages, unread counts), however
 * many conversations there are: no per-conversation queries (P3). Order of `rows` is kept.
 */
export async function describeConversations(
  db: Kysely<Database>,
  viewerId: number,
  rows: readonly ViewerConversationRow[],
): Promise<ConversationView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const lastMessageIds = rows.map((row) => row.last_message_id).filter((id): id is number => id !== null);

  const [members, lastMessages, unread] = await Promise.all([
    loadMembers(db, ids),
    lastMessageIds.length
      ? selectMessages(db).where('messages.id', 'in', lastMessageIds).execute()
      : Promise.resolve([]),
    countUnread(db, viewerId, ids),
  ]);
  const messagesById = new Map<number, MessageView>(lastMessages.map((row) => [row.id, toMessageView(row)]));

  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    is_group: row.is_group === 1,
    created_by: row.created_by,
    created_at: row.created_at,
    last_activity_at: row.last_activity_at,
    members: members.get(row.id) ?? [],
    last_message: row.last_message_id === null ? null : (messagesById.get(row.last_message_id) ?? null),
    unread_count: unread.get(row.id) ?? 0,
    last_read_message_id: row.last_read_message_id,
  }));
}

async function loadMembers(
  db: Kysely<Database>,
  conversationIds: number[],
): Promise<Map<number, MemberSummary[]>> {
  const rows = await db
    .selectFrom('conversation_members as member')
    .innerJoin('users', 'users.id', 'member.user_id')
    .select([
      'member.conversation_id',
      'users.id',
      'users.username',
      'users.email',
      'users.first_name',
      'users.last_name',
      'users.profile',
    ])
    .where('member.conversation_id', 'in', conversationIds)
    .orderBy('member.conversation_id')
    .orderBy('member.position')
    .orderBy('member.user_id')
    .execute();
  const byConversation = new Map<number, MemberSummary[]>();
  for (const { conversation_id, ...member } of rows) {
    const list = byConversation.get(conversation_id);
    if (list) list.push(member);
    else byConversation.set(conversation_id, [member]);
  }
  return byConversation;
}
