import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { completeMessages, selectMessageRows } from '../messages/select';
import { MESSAGE_STATUS, type MessageView } from '../messages/types';
import type { ConversationRow, ConversationView, MemberSummary } from './types';

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

/** A query from selectViewerConversations, filtered, ordered and limited by the caller. */
export type ViewerConversationQuery = ReturnType<typeof selectViewerConversations>;

/** A viewer's conversation row with its unread count. */
export interface CountedConversationRow extends ViewerConversationRow {
  unread_count: number;
}

/**
 * Runs a page of the viewer's conversations with each one's unread count (the rule of countUnread) in the same
 * statement: the page is a derived table, so the count runs once per row of the page (not per conversation of
 * the viewer), each a range seek of `(conversation_id, id)` from the read mark. Rows come most recent activity
 * first, like the list (ties: newest conversation first).
 */
export async function selectCountedConversations(
  db: Kysely<Database>,
  viewerId: number,
  page: ViewerConversationQuery,
): Promise<CountedConversationRow[]> {
  const rows = await db
    .selectFrom(page.as('page'))
    .selectAll('page')
    .select((eb) =>
      eb
        .selectFrom('messages as unread')
        .select(eb.fn.countAll().as('n'))
        .whereRef('unread.conversation_id', '=', 'page.id')
        .where('unread.id', '>', eb.fn.coalesce('page.last_read_message_id', eb.lit(0)))
        .where('unread.sender_id', '!=', viewerId)
        .where('unread.status', '!=', MESSAGE_STATUS.deleted)
        .as('unread_count'),
    )
    .orderBy('page.last_activity_at', 'desc')
    .orderBy('page.id', 'desc')
    .execute();
  // COUNT(*) is a number on SQLite and a BIGINT (number or string, by driver settings) on MySQL.
  return rows.map((row) => ({ ...row, unread_count: Number(row.unread_count ?? 0) }));
}

/**
 * Completes a page of conversations with batched queries (members; last messages, then their senders and
 * media), however many conversations there are: no per-conversation queries (P3). Order of `rows` is kept.
 */
export async function describeConversations(
  db: Kysely<Database>,
  rows: readonly CountedConversationRow[],
): Promise<ConversationView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const lastMessageIds = rows.map((row) => row.last_message_id).filter((id): id is number => id !== null);

  const [members, lastMessages] = await Promise.all([
    loadMembers(db, ids),
    lastMessageIds.length
      ? selectMessageRows(db)
          .where('messages.id', 'in', lastMessageIds)
          .execute()
          .then((found) => completeMessages(db, found))
      : Promise.resolve([]),
  ]);
  const messagesById = new Map<number, MessageView>(lastMessages.map((message) => [message.id, message]));

  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    is_group: row.is_group === 1,
    created_by: row.created_by,
    created_at: row.created_at,
    last_activity_at: row.last_activity_at,
    members: members.get(row.id) ?? [],
    last_message: row.last_message_id === null ? null : (messagesById.get(row.last_message_id) ?? null),
    unread_count: row.unread_count,
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
