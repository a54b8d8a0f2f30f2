import { type Database, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { MESSAGE_STATUS, type MessageView } from '../model/message';
import { completeMessages, type MessageRow } from '../model/message-views';
import type { ConversationView, MemberSummary } from './types';

/**
 * The viewer's conversations joined with their membership: the base of every conversation read. Only the columns
 * a view needs: on SQLite turning result values into JS values costs more than finding the rows.
 */
export function selectViewerConversations(db: Kysely<Database>, viewerId: number) {
  return db
    .selectFrom('conversation_members as viewer')
    .innerJoin('conversations', 'conversations.id', 'viewer.conversation_id')
    .select([
      'conversations.id',
      'conversations.title',
      'conversations.is_group',
      'conversations.created_by',
      'conversations.created_at',
      'conversations.last_activity_at',
      'conversations.last_message_id',
      'viewer.last_read_message_id',
      'viewer.muted as viewer_muted',
      'viewer.position as viewer_position',
    ])
    .where('viewer.user_id', '=', viewerId);
}

/** A query from selectViewerConversations, filtered, ordered and limited by the caller. */
export type ViewerConversationQuery = ReturnType<typeof selectViewerConversations>;

/** A viewer's conversation row with its unread count and its last message (without sender and media). */
export interface CountedConversationRow {
  id: number;
  title: string;
  is_group: number;
  created_by: number | null;
  created_at: number;
  last_activity_at: number;
  last_message_id: number | null;
  last_read_message_id: number | null;
  /** Where the viewer stands among the members (join order). */
  viewer_position: number;
  /** 1 when the viewer muted the conversation. */
  viewer_muted: number;
  unread_count: number;
  last_message: MessageRow | null;
}

/**
 * A page of the viewer's conversations with each one's unread count (the rule of countUnread) and its last
 * message in the same statement: the page is a derived table, so the count and the join run once per row of the
 * page (not per conversation of the viewer); each count is a range seek of `(conversation_id, id)` from the read
 * mark, the last message a primary-key lookup. Rows come most recent activity first, like the list (ties: newest
 * conversation first). Run it prepared (list.ts) and read its rows with toCountedRows.
 */
export function selectCountedConversations(
  db: Kysely<Database>,
  viewerId: number,
  page: ViewerConversationQuery,
) {
  return db
    .selectFrom(page.as('page'))
    .leftJoin('messages as last', 'last.id', 'page.last_message_id')
    .selectAll('page')
    .select((eb) => [
      eb
        .selectFrom('messages as unread')
        .select(eb.fn.countAll().as('n'))
        .whereRef('unread.conversation_id', '=', 'page.id')
        .where('unread.id', '>', eb.fn.coalesce('page.last_read_message_id', eb.lit(0)))
        .where('unread.sender_id', '!=', viewerId)
        .where('unread.status', '!=', MESSAGE_STATUS.deleted)
        .as('unread_count'),
      'last.id as last_id',
      'last.sender_id as last_sender_id',
      'last.type as last_type',
      'last.body as last_body',
      'last.media_url as last_media_url',
      'last.media_id as last_media_id',
      'last.status as last_status',
      'last.is_edited as last_is_edited',
      'last.client_message_id as last_client_message_id',
      'last.created_at as last_created_at',
      'last.updated_at as last_updated_at',
      'last.deleted_at as last_deleted_at',
    ])
    .orderBy('page.last_activity_at', 'desc')
    .orderBy('page.id', 'desc');
}

export type CountedQueryRow = Awaited<
  ReturnType<ReturnType<typeof selectCountedConversations>['execute']>
>[number];

/** Rows of selectCountedConversations as conversation rows with their unread count and last message. */
export function toCountedRows(rows: readonly CountedQueryRow[]): CountedConversationRow[] {
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    is_group: row.is_group,
    created_by: row.created_by,
    created_at: row.created_at,
    last_activity_at: row.last_activity_at,
    last_message_id: row.last_message_id,
    last_read_message_id: row.last_read_message_id,
    viewer_position: row.viewer_position,
    viewer_muted: row.viewer_muted,
    // COUNT(*) is a number on SQLite and a BIGINT (number or string, by driver settings) on MySQL.
    unread_count: Number(row.unread_count ?? 0),
    // The left join's columns are all null without a last message; NOT NULL columns are set whenever it exists.
    last_message:
      row.last_id === null ||
      row.last_sender_id === null ||
      row.last_type === null ||
      row.last_body === null ||
      row.last_status === null ||
      row.last_is_edited === null ||
      row.last_created_at === null ||
      row.last_updated_at === null
        ? null
        : {
            id: row.last_id,
            conversation_id: row.id,
            sender_id: row.last_sender_id,
            type: row.last_type,
            body: row.last_body,
            media_url: row.last_media_url,
            media_id: row.last_media_id,
            status: row.last_status,
            is_edited: row.last_is_edited,
            client_message_id: row.last_client_message_id,
            created_at: row.last_created_at,
            updated_at: row.last_updated_at,
            deleted_at: row.last_deleted_at,
          },
  }));
}

/**
 * Completes a page of conversations with batched queries, however many conversations there are: no
 * per-conversation queries (P3). The members are read in one query (the viewer's own row once, not once per
 * conversation), and the last messages' senders are taken from them; only senders who are no longer members, and
 * attached media, cost a further query. Order of `rows` is kept.
 */
export async function describeConversations(
  db: Kysely<Database>,
  viewerId: number,
  rows: readonly CountedConversationRow[],
): Promise<ConversationView[]> {
  if (rows.length === 0) return [];
  const { viewer, others } = await loadMembers(
    db,
    viewerId,
    rows.map((row) => row.id),
  );
  const users = new Map<number, MemberSummary>();
  if (viewer) users.set(viewer.id, viewer);
  for (const list of others.values()) for (const { summary } of list) users.set(summary.id, summary);
  const lastMessages = await completeMessages(
    db,
    rows.flatMap((row) => (row.last_message ? [row.last_message] : [])),
    users,
  );
  const messagesById = new Map<number, MessageView>(lastMessages.map((message) => [message.id, message]));

  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    is_group: row.is_group === 1,
    created_by: row.created_by,
    created_at: row.created_at,
    last_activity_at: row.last_activity_at,
    members: inJoinOrder(others.get(row.id) ?? [], viewer, row.viewer_position),
    last_message: row.last_message_id === null ? null : (messagesById.get(row.last_message_id) ?? null),
    unread_count: row.unread_count,
    last_read_message_id: row.last_read_message_id,
    muted: Number(row.viewer_muted) === 1,
  }));
}

interface PlacedMember {
  position: number;
  summary: MemberSummary;
}

const MEMBER_COLUMNS = [
  'users.id',
  'users.username',
  'users.email',
  'users.first_name',
  'users.last_name',
  'users.profile',
] as const;

/** Members of the listed conversations: the others everywhere, the viewer in the first one only. */
const selectMembers = preparedQuery(
  (db: Kysely<Database>, p: { conversationIds: readonly number[]; viewerId: number; first: number }) =>
    db
      .selectFrom('conversation_members as member')
      .innerJoin('users', 'users.id', 'member.user_id')
      .select(['member.conversation_id', 'member.position', ...MEMBER_COLUMNS])
      .where('member.conversation_id', 'in', p.conversationIds)
      .where((eb) =>
        eb.or([eb('member.user_id', '!=', p.viewerId), eb('member.conversation_id', '=', p.first)]),
      )
      .orderBy('member.conversation_id')
      .orderBy('member.position')
      .orderBy('member.user_id'),
);

/**
 * The viewer's summary, and the other members of each conversation in join order, in one query: the viewer's own
 * row is read for the first conversation only (it is the same user in every one of them).
 */
async function loadMembers(
  db: Kysely<Database>,
  viewerId: number,
  conversationIds: readonly number[],
): Promise<{ viewer: MemberSummary | undefined; others: Map<number, PlacedMember[]> }> {
  const [first] = conversationIds;
  if (first === undefined) return { viewer: undefined, others: new Map() };
  const rows = await selectMembers(db, { conversationIds, viewerId, first });
  let viewer: MemberSummary | undefined;
  const others = new Map<number, PlacedMember[]>();
  for (const { conversation_id, position, ...summary } of rows) {
    if (summary.id === viewerId) {
      viewer = summary;
      continue;
    }
    const member = { position, summary };
    const list = others.get(conversation_id);
    if (list) list.push(member);
    else others.set(conversation_id, [member]);
  }
  return { viewer, others };
}

/** Every member in join order (position, then id, as the members query orders them), the viewer included. */
function inJoinOrder(
  others: readonly PlacedMember[],
  viewer: MemberSummary | undefined,
  viewerPosition: number,
): MemberSummary[] {
  const members: MemberSummary[] = [];
  let placed = viewer === undefined;
  for (const other of others) {
    if (
      !placed &&
      viewer &&
      (other.position > viewerPosition || (other.position === viewerPosition && other.summary.id > viewer.id))
    ) {
      members.push(viewer);
      placed = true;
    }
    members.push(other.summary);
  }
  if (!placed && viewer) members.push(viewer);
  return members;
}
