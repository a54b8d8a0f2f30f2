import { type Database, preparedQuery } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { requireMember } from '../conversations/access';
import type { DomainDeps } from '../deps';
import { invalid } from '../errors';
import { MESSAGE_LIMITS, type MessageView } from '../model/message';
import { completeMessages, selectMessageRows } from '../model/message-views';

export interface HistoryQuery {
  /** Only messages with a smaller id (older): page backwards from the newest. */
  before?: number | undefined;
  /** Only messages with a greater id (newer): page forwards, e.g. to catch up after a reconnect. */
  after?: number | undefined;
  limit?: number | undefined;
}

export interface MessagePage {
  /** Oldest first, whichever way the page was taken. */
  messages: MessageView[];
  /** More messages exist beyond this page in the direction of travel (older without `after`, newer with it). */
  has_more: boolean;
}

/**
 * A page of a conversation's history, for members only (S5). Ids are the cursor: they only grow, so a message is
 * never skipped or repeated across pages. Without `after` the page is the newest messages (below `before` if
 * given); with `after` it is the oldest messages above it (and below `before` if given).
 */
export async function listMessages(
  deps: DomainDeps,
  viewerId: number,
  conversationId: number,
  query: HistoryQuery = {},
): Promise<MessagePage> {
  const limit = query.limit ?? MESSAGE_LIMITS.pageDefault;
  if (!Number.isInteger(limit) || limit < 1 || limit > MESSAGE_LIMITS.pageMax) {
    throw invalid(`limit must be between 1 and ${MESSAGE_LIMITS.pageMax}`);
  }
  await requireMember(deps, conversationId, viewerId);

  const { before, after } = query;
  const forwards = after !== undefined;
  const conversation = { conversationId, limit: limit + 1 };
  const rows = forwards
    ? before === undefined
      ? await newerPage(deps.db, { ...conversation, after })
      : await newerBelowPage(deps.db, { ...conversation, after, before })
    : before === undefined
      ? await newestPage(deps.db, conversation)
      : await olderPage(deps.db, { ...conversation, before });
  const messages = await completeMessages(deps.db, rows.slice(0, limit));
  if (!forwards) messages.reverse();
  return { messages, has_more: rows.length > limit };
}

/**
 * The newest messages of a conversation, oldest first, up to MESSAGE_LIMITS.legacyHistory: for the legacy client,
 * which loads a whole chat in one request. Members only, like every read.
 */
export async function listRecentMessages(
  deps: DomainDeps,
  viewerId: number,
  conversationId: number,
): Promise<MessageView[]> {
  await requireMember(deps, conversationId, viewerId);
  const rows = await newestPage(deps.db, { conversationId, limit: MESSAGE_LIMITS.legacyHistory });
  return (await completeMessages(deps.db, rows)).reverse();
}

/* History pages by shape, prepared once (see preparedQuery): backwards from the newest or from `before`, forwards
   from `after` (below `before` when both are given). */
// A type, not an interface: preparedQuery's parameters must fit `Record<string, unknown>`, which interfaces do not.
type PageParams = { conversationId: number; limit: number };

function ofConversation(db: Kysely<Database>, p: PageParams) {
  return selectMessageRows(db).where('messages.conversation_id', '=', p.conversationId);
}

const newestPage = preparedQuery((db: Kysely<Database>, p: PageParams) =>
  ofConversation(db, p).orderBy('messages.id', 'desc').limit(p.limit),
);

const olderPage = preparedQuery((db: Kysely<Database>, p: PageParams & { before: number }) =>
  ofConversation(db, p).where('messages.id', '<', p.before).orderBy('messages.id', 'desc').limit(p.limit),
);

const newerPage = preparedQuery((db: Kysely<Database>, p: PageParams & { after: number }) =>
  ofConversation(db, p).where('messages.id', '>', p.after).orderBy('messages.id', 'asc').limit(p.limit),
);

const newerBelowPage = preparedQuery(
  (db: Kysely<Database>, p: PageParams & { after: number; before: number }) =>
    ofConversation(db, p)
      .where('messages.id', '<', p.before)
      .where('messages.id', '>', p.after)
      .orderBy('messages.id', 'asc')
      .limit(p.limit),
);
