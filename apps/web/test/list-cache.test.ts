import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { applyMessageToList } from '../features/conversations/list-cache';
import type { Conversation, ConversationPage, Message } from '../trpc/types';
import { message } from './support/messages';

const VIEWER = 1;
const PEER = 2;
const listKey = ['conversations', 'list'];

function listWith(last: Message, unread: number): ConversationPage {
  // Only the fields the list cache reads; the rest of a conversation does not matter here.
  const conversation = {
    id: 7,
    is_group: false,
    last_message: last,
    last_activity_at: last.created_at,
    unread_count: unread,
    last_read_message_id: null,
  } as unknown as Conversation;
  return { conversations: [conversation] } as unknown as ConversationPage;
}

const unreadOf = (queryClient: QueryClient) =>
  queryClient.getQueryData<ConversationPage>(listKey)?.conversations[0]?.unread_count;

describe('applyMessageToList', () => {
  const options = { isNew: true, viewerId: VIEWER, openConversationId: null };

  it('a new message from someone else counts once, however often its event is applied', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(listKey, listWith(message(1, PEER, 0), 0));
    const arrived = message(2, PEER, 1);
    expect(applyMessageToList(queryClient, listKey, arrived, options)).toBe(true);
    expect(unreadOf(queryClient)).toBe(1);
    applyMessageToList(queryClient, listKey, arrived, options);
    expect(unreadOf(queryClient)).toBe(1);
  });

  it('a list that already shows the message (fetched after it) keeps its count', () => {
    const queryClient = new QueryClient();
    const arrived = message(2, PEER, 1);
    queryClient.setQueryData(listKey, listWith(arrived, 1));
    applyMessageToList(queryClient, listKey, arrived, options);
    expect(unreadOf(queryClient)).toBe(1);
  });
});
