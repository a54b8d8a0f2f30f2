import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { patchCached } from '../../lib/patch-cached';
import type { Message, MessagePage } from '../../trpc/types';

/**
 * A conversation's history in the query cache: pages of `messages.list`, newest page first (pageParams are the
 * `before` cursors), each page oldest first, as the API returns them.
 */
export type History = InfiniteData<MessagePage>;

export const historyKey = (conversationId: number) => ['history', conversationId] as const;

/** Every message of a history, oldest first. */
export function flattenHistory(history: History | undefined): Message[] {
  if (!history) return [];
  const out: Message[] = [];
  for (let i = history.pages.length - 1; i >= 0; i--) out.push(...(history.pages[i]?.messages ?? []));
  return out;
}

/** The viewer's newest message that can be edited (text, not deleted), if any. */
export function lastEditable(messages: readonly Message[], viewerId: number): Message | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.sender_id === viewerId && message.type === 'text' && message.status !== 'delete')
      return message;
  }
  return undefined;
}

/**
 * Puts a message into a cached history: replaces the copy with its id (an edit, a delete, or our own send coming
 * back), or appends it to the newest page. A live event never duplicates a bubble, whichever arrives first.
 */
export function upsertMessage(queryClient: QueryClient, message: Message): void {
  patchCached<History>(queryClient, historyKey(message.conversation_id), (history) => {
    if (!history) return history;
    let found = false;
    const pages = history.pages.map((page) => {
      const index = page.messages.findIndex((m) => m.id === message.id);
      if (index === -1) return page;
      found = true;
      const current = page.messages[index];
      // Events may overtake each other only across transports; never go back to an older state.
      if (current && current.updated_at > message.updated_at) return page;
      const messages = page.messages.slice();
      messages[index] = message;
      return { ...page, messages };
    });
    if (found) return { ...history, pages };
    const [newest, ...older] = history.pages;
    if (!newest) return history;
    const messages = [...newest.messages, message].sort((a, b) => a.id - b.id);
    return { ...history, pages: [{ ...newest, messages }, ...older] };
  });
}
