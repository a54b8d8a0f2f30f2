'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useTRPC } from '../../trpc/react';

/**
 * /assistant: asks for the viewer's assistant chat (the server creates it, with a greeting, the first time) and
 * shows it at its ordinary address.
 */
export function OpenAssistant() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const chat = useQuery({ ...trpc.assistant.conversation.queryOptions(), staleTime: 0 });
  const conversationId = chat.data?.conversation_id;
  useEffect(() => {
    if (conversationId === undefined) return;
    // A chat created just now is not in the list yet; its conversation event also brings it, whichever is first.
    void queryClient.invalidateQueries({ queryKey: trpc.conversations.list.queryKey() });
    router.replace(`/c/${conversationId}`);
  }, [conversationId, queryClient, router, trpc]);

  return (
    <div className="flex flex-1 items-center justify-center bg-chat-bg p-8 text-center">
      {chat.isError ? (
        <div role="alert">
          <p className="font-semibold">Could not open the assistant</p>
          <p className="mt-1 text-sm text-muted">{chat.error.message}</p>
        </div>
      ) : (
        <div role="status" aria-label="Opening the assistant">
          <span className="inline-block size-6 animate-spin rounded-full border-2 border-accent border-t-transparent" />
        </div>
      )}
    </div>
  );
}
