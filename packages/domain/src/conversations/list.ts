import { type Database, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { type DomainDeps, runtimeOf } from '../deps';
import { invalid, notFound } from '../errors';
import {
  type CountedQueryRow,
  describeConversations,
  selectCountedConversations,
  selectViewerConversations,
  toCountedRows,
  type ViewerConversationQuery,
} from './describe';
import {
  CONVERSATION_LIMITS,
  CONVERSATION_NOT_FOUND,
  type ConversationPage,
  type ConversationView,
} from './types';

export interface ConversationListQuery {
  limit?: number | undefined;
  /** `next_cursor` of the previous page. */
  cursor?: string | undefined;
}

/**
 * The viewer's conversations, most recent activity first (ties: newest conversation first). A conversation with
 * no message sorts by its creation time, so any number of empty ones is fine (C1, C2). The page is one query;
 * its details are batched (see describeConversations).
 */
export async function listConversations(
  deps: DomainDeps,
  viewerId: number,
  query: ConversationListQuery = {},
): Promise<ConversationPage> {
  const limit = query.limit ?? CONVERSATION_LIMITS.pageDefault;
  if (!Number.isInteger(limit) || limit < 1 || limit > CONVERSATION_LIMITS.pageMax) {
    throw invalid(`limit must be between 1 and ${CONVERSATION_LIMITS.pageMax}`);
  }
  if (query.cursor === undefined) {
    const read = () =>
      describePage(deps.db, viewerId, limit, firstPage(deps.db, { viewerId, limit: limit + 1 }));
    const pages = runtimeOf(deps)?.conversationPages;
    return pages ? pages.firstPage(deps.db, viewerId, limit, read) : read();
  }
  const after = decodeCursor(query.cursor);
  return describePage(deps.db, viewerId, limit, laterPage(deps.db, { viewerId, limit: limit + 1, ...after }));
}

/** A page from the rows of a page statement asked for one row more than `limit` (whether there is a next page). */
async function describePage(
  db: Kysely<Database>,
  viewerId: number,
  limit: number,
  pageStatement: Promise<CountedQueryRow[]>,
): Promise<ConversationPage> {
  const rows = toCountedRows(await pageStatement);
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    conversations: await describeConversations(db, viewerId, pageRows),
    next_cursor: rows.length > limit && last ? encodeCursor(last.last_activity_at, last.id) : null,
  };
}

/* The page queries, prepared once (see preparedQuery): the first page, a page after a cursor, one conversation. */
const firstPage = preparedQuery((db: Kysely<Database>, p: { viewerId: number; limit: number }) =>
  selectCountedConversations(
    db,
    p.viewerId,
    newestFirst(selectViewerConversations(db, p.viewerId)).limit(p.limit),
  ),
);

const laterPage = preparedQuery(
  (db: Kysely<Database>, p: { viewerId: number; limit: number; activity: number; id: number }) =>
    selectCountedConversations(
      db,
      p.viewerId,
      newestFirst(
        selectViewerConversations(db, p.viewerId).where((eb) =>
          eb.or([
            eb('conversations.last_activity_at', '<', p.activity),
            eb.and([
              eb('conversations.last_activity_at', '=', p.activity),
              eb('conversations.id', '<', p.id),
            ]),
          ]),
        ),
      ).limit(p.limit),
    ),
);

const oneConversation = preparedQuery(
  (db: Kysely<Database>, p: { viewerId: number; conversationId: number }) =>
    selectCountedConversations(
      db,
      p.viewerId,
      selectViewerConversations(db, p.viewerId).where('conversations.id', '=', p.conversationId),
    ),
);

/** The list's order: most recent activity first, ties newest conversation first. */
function newestFirst(query: ViewerConversationQuery): ViewerConversationQuery {
  return query.orderBy('conversations.last_activity_at', 'desc').orderBy('conversations.id', 'desc');
}

/** One conversation the viewer is a member of; "Conversation not found" otherwise. */
export async function getConversation(
  deps: DomainDeps,
  viewerId: number,
  conversationId: number,
): Promise<ConversationView> {
  const rows = toCountedRows(await oneConversation(deps.db, { viewerId, conversationId }));
  const [view] = await describeConversations(deps.db, viewerId, rows);
  if (!view) throw notFound(CONVERSATION_NOT_FOUND);
  return view;
}

/** Cursors are opaque to clients: `<activity ms>.<id>`, the position of the last row of a page. */
function encodeCursor(activity: number, id: number): string {
  return `${activity}.${id}`;
}

function decodeCursor(cursor: string): { activity: number; id: number } {
  const match = /^(\d{1,16})\.(\d{1,15})$/.exec(cursor);
  if (!match) throw invalid('Invalid cursor');
  return { activity: Number(match[1]), id: Number(match[2]) };
}
