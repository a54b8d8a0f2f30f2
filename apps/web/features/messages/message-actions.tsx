'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Copy, History, MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import { AlertDialog, DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { Message } from '../../trpc/types';
import { Button } from '../../ui/button';
import { upsertMessage } from './message-cache';

const itemClass =
  'flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2 text-sm outline-none select-none data-[highlighted]:bg-surface-2';

/**
 * A message's menu, shown on hover or keyboard focus: copy; for one's own, edit (text) and delete for everyone
 * (after a confirmation); earlier versions of an edited message.
 */
export function MessageActions({
  message,
  own,
  onEdit,
  onShowHistory,
}: {
  message: Message;
  own: boolean;
  onEdit: () => void;
  onShowHistory: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.messages.delete.mutationOptions({ onSuccess: (deleted) => upsertMessage(queryClient, deleted) }),
  );
  const canEdit = own && message.type === 'text';

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          aria-label="Message actions"
          className="flex size-8 shrink-0 items-center justify-center rounded-full text-muted opacity-0 transition-opacity group-hover/message:opacity-100 hover:bg-surface hover:text-text focus-visible:opacity-100 data-[state=open]:opacity-100"
        >
          <MoreHorizontal className="size-4" aria-hidden />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align={own ? 'end' : 'start'}
            sideOffset={4}
            className="z-50 min-w-44 rounded-xl border border-border bg-surface p-1 shadow-xl [animation:fade-in_100ms_ease-out]"
          >
            {message.body && (
              <DropdownMenu.Item
                className={itemClass}
                onSelect={() => void navigator.clipboard?.writeText(message.body).catch(() => undefined)}
              >
                <Copy className="size-4 text-muted" aria-hidden /> Copy text
              </DropdownMenu.Item>
            )}
            {canEdit && (
              <DropdownMenu.Item className={itemClass} onSelect={onEdit}>
                <Pencil className="size-4 text-muted" aria-hidden /> Edit
              </DropdownMenu.Item>
            )}
            {message.is_edited && (
              <DropdownMenu.Item className={itemClass} onSelect={onShowHistory}>
                <History className="size-4 text-muted" aria-hidden /> Edit history
              </DropdownMenu.Item>
            )}
            {own && (
              <DropdownMenu.Item className={`${itemClass} text-danger`} onSelect={() => setConfirming(true)}>
                <Trash2 className="size-4" aria-hidden /> Delete
              </DropdownMenu.Item>
            )}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <AlertDialog.Root open={confirming} onOpenChange={setConfirming}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40 [animation:fade-in_120ms_ease-out]" />
          <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(24rem,calc(100vw-1.5rem))] -translate-x-1/2 -translate-y-1/2 rounded-2xl bg-surface p-5 shadow-2xl [animation:pop-in_140ms_ease-out]">
            <AlertDialog.Title className="text-base font-semibold">
              Delete this message for everyone?
            </AlertDialog.Title>
            <AlertDialog.Description className="mt-2 text-sm text-muted">
              It disappears for every member of the conversation. This cannot be undone.
            </AlertDialog.Description>
            <div className="mt-5 flex justify-end gap-2">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">Cancel</Button>
              </AlertDialog.Cancel>
              <AlertDialog.Action asChild>
                <Button variant="danger" onClick={() => remove.mutate({ message_id: message.id })}>
                  Delete
                </Button>
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </>
  );
}
