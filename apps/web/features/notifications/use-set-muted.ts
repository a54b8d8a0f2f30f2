'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/react';
import { setMutedInList } from './mute-cache';

/**
 * Mutes or unmutes a conversation: the list shows it at once, the server keeps it (so every device of the user
 * follows, through the event the change sends them), and a refusal puts the list back as the server has it.
 */
export function useSetMuted() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.conversations.list.queryKey();
  return useMutation(
    trpc.conversations.setMuted.mutationOptions({
      onMutate: ({ conversation_id, muted }) => setMutedInList(queryClient, listKey, conversation_id, muted),
      onSuccess: (conversation) => {
        setMutedInList(queryClient, listKey, conversation.id, conversation.muted);
        queryClient.setQueryData(
          trpc.conversations.get.queryKey({ conversation_id: conversation.id }),
          conversation,
        );
      },
      onError: () => void queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );
}
