'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { Conversation } from '../../trpc/types';
import { Button } from '../../ui/button';
import { FormAlert } from '../auth/form-alert';
import { forgetConversation } from './conversation-cache';
import { Spinner } from './spinner';

/** "Leave group", after a confirmation: the group goes from the list and the app returns to it. */
export function LeaveGroup({ conversation, onLeft }: { conversation: Conversation; onLeft: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const leave = useMutation(
    trpc.conversations.leave.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        onLeft();
        router.push('/');
        forgetConversation(queryClient, trpc, conversation);
      },
    }),
  );

  return (
    <AlertDialog.Root
      open={confirming}
      onOpenChange={(open) => {
        // Stays open while the request runs, so its outcome is seen.
        if (!leave.isPending) setConfirming(open);
        if (!open) leave.reset();
      }}
    >
      <AlertDialog.Trigger asChild>
        {/* A faint hover: a full danger-soft tint would take red text under 4.5:1 in the light theme. */}
        <button
          type="button"
          className="flex h-11 w-full items-center gap-3 rounded-xl px-2 text-[15px] font-medium text-danger transition-colors hover:bg-danger-soft/40"
        >
          <span className="flex size-10 items-center justify-center">
            <LogOut className="size-5" aria-hidden />
          </span>
          Leave group
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40 [animation:fade-in_120ms_ease-out]" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(24rem,calc(100vw-1.5rem))] -translate-x-1/2 -translate-y-1/2 rounded-2xl bg-surface p-5 shadow-2xl [animation:pop-in_140ms_ease-out]">
          <AlertDialog.Title className="text-base font-semibold break-words">
            Leave “{conversation.title}”?
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-muted">
            You will stop getting its messages, and it leaves your chat list. A member can add you back.
          </AlertDialog.Description>
          {leave.error && (
            <div className="mt-3">
              <FormAlert tone="error">{leave.error.message}</FormAlert>
            </div>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={leave.isPending}>
                Cancel
              </Button>
            </AlertDialog.Cancel>
            <Button
              variant="danger"
              // The shared danger variant writes white, which is under 3:1 on the dark theme's light red; on-accent
              // is white in the light theme and near-black in the dark one.
              className="text-on-accent!"
              disabled={leave.isPending}
              aria-busy={leave.isPending || undefined}
              onClick={() => leave.mutate({ conversation_id: conversation.id })}
            >
              {leave.isPending && <Spinner />}
              Leave group
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
