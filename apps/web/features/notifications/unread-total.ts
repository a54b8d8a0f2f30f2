import type { Conversation } from '../../trpc/types';

/** What the tab's title counts: unread messages in conversations that are not muted. */
export function unreadTotal(conversations: readonly Conversation[]): number {
  let total = 0;
  for (const conversation of conversations) if (!conversation.muted) total += conversation.unread_count;
  return total;
}

/** "(3) ChatApp", or the plain name when nothing is unread. */
export function titleWithUnread(base: string, total: number): string {
  return total > 0 ? `(${total > 999 ? '999+' : total}) ${base}` : base;
}
