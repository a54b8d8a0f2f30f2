'use client';

import { Search, SquarePen, Users, X } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { IconButton } from '../../ui/icon-button';
import { useOpenedOnce } from '../../ui/use-opened-once';
import { NotificationsPrompt } from '../notifications/notifications-prompt';
import { AccountMenu } from '../profile/account-menu';
import { ConversationList } from './conversation-list';

// Opened by a click: loaded then, not with the page.
const NewChatDialog = dynamic(() => import('../people/new-chat-dialog').then((m) => m.NewChatDialog));
const NewGroupDialog = dynamic(() => import('../people/new-group-dialog').then((m) => m.NewGroupDialog));

/** The left pane: who you are, new chat and group buttons, a filter, and the conversation list. */
export function Sidebar() {
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<'chat' | 'group' | null>(null);
  const close = (open: boolean) => !open && setDialog(null);
  const chatMounted = useOpenedOnce(dialog === 'chat');
  const groupMounted = useOpenedOnce(dialog === 'group');
  return (
    <aside aria-label="Conversations" className="flex min-h-0 flex-1 flex-col">
      <header className="flex items-center gap-1 px-3 pt-3 pb-2">
        <AccountMenu />
        <h1 className="ml-1 flex-1 text-xl font-bold tracking-tight">Chats</h1>
        <IconButton label="New group" onClick={() => setDialog('group')}>
          <Users className="size-5" aria-hidden />
        </IconButton>
        <IconButton label="New chat" onClick={() => setDialog('chat')}>
          <SquarePen className="size-5" aria-hidden />
        </IconButton>
      </header>
      <div className="px-3 pb-2">
        <div className="relative">
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted"
            aria-hidden
          />
          <input
            type="search"
            aria-label="Search chats"
            placeholder="Search chats"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            className="h-10 w-full rounded-full border border-transparent bg-surface-2 pr-9 pl-9 text-sm outline-none placeholder:text-muted focus:border-accent focus:bg-surface [&::-webkit-search-cancel-button]:hidden"
          />
          {filter && (
            <button
              type="button"
              aria-label="Clear search"
              onClick={() => setFilter('')}
              className="absolute top-1/2 right-2 flex size-6 -translate-y-1/2 items-center justify-center rounded-full text-muted hover:bg-surface-3"
            >
              <X className="size-4" aria-hidden />
            </button>
          )}
        </div>
      </div>
      <NotificationsPrompt />
      <ConversationList filter={filter} onStartChat={() => setDialog('chat')} />
      {chatMounted && <NewChatDialog open={dialog === 'chat'} onOpenChange={close} />}
      {groupMounted && <NewGroupDialog open={dialog === 'group'} onOpenChange={close} />}
    </aside>
  );
}
