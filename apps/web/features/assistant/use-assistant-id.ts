'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/react';

/**
 * The assistant's account id when `assistant.conversation` has been asked in this tab (the assistant pane asks
 * it), else null. Never fetches: that call creates the chat, which only opening it should do.
 */
export function useAssistantUserId(): number | null {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.assistant.conversation.queryOptions(), enabled: false });
  return data?.assistant_user_id ?? null;
}
