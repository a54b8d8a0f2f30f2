'use client';

import { useEffect } from 'react';
import { useConversations } from '../conversations/use-conversations';
import { titleWithUnread, unreadTotal } from './unread-total';

const BASE_TITLE = 'ChatApp';

/**
 * Keeps the unread total in the tab's title, "(3) ChatApp", live: the list cache it reads is patched by every
 * message and read mark (this tab's, and other devices' through the stream). Muted conversations do not count.
 * Next writes the page's own title on some navigations, so the title element is watched and put back.
 */
export function UnreadTitle() {
  const { data } = useConversations();
  const total = unreadTotal(data?.conversations ?? []);
  useEffect(() => {
    const wanted = titleWithUnread(BASE_TITLE, total);
    const apply = () => {
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = BASE_TITLE;
    };
  }, [total]);
  return null;
}
