import { requireMember } from '../conversations/access';
import type { DomainDeps } from '../deps';
import { invalid } from '../errors';
import { completeMessages, selectMessageRows } from './select';
import { MESSAGE_LIMITS, type MessageView } from './types';

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
  await requireMember(deps.db, conversationId, viewerId);

  let page = selectMessageRows(deps.db).where('messages.conversation_id', '=', conversationId);
  if (query.before !== undefined) page = page.where('messages.id', '<', query.before);
  if (query.after !== undefined) page = page.where('messages.id', '>', query.after);
  const forwards = query.after !== undefined;
  const rows = await page
    .orderBy('messages.id', forwards ? 'asc' : 'desc')
    .limit(limit + 1)
    .execute();
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
  await requireMember(deps.db, conversationId, viewerId);
  const rows = await selectMessageRows(deps.db)
    .where('messages.conversation_id', '=', conversationId)
    .orderBy('messages.id', 'desc')
    .limit(MESSAGE_LIMITS.legacyHistory)
    .execute();
  return (await completeMessages(deps.db, rows)).reverse();
}
