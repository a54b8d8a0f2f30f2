'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Copy, History, MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { Message } from '../../trpc/types';
import { MenuButton, type MenuEntry } from '../../ui/menu-button';
import { useOpenedOnce } from '../../ui/use-opened-once';
import { upsertMessage } from './message-cache';

// Chosen from the menu: loaded then, not with the page.
const DeleteConfirmation = dynamic(() => import('./delete-confirmation').then((m) => m.DeleteConfirmation));

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
  const confirmMounted = useOpenedOnce(confirming);
  const remove = useMutation(
    trpc.messages.delete.mutationOptions({ onSuccess: (deleted) => upsertMessage(queryClient, deleted) }),
  );
  const canEdit = own && message.type === 'text';

  const entries: MenuEntry[] = [];
  if (message.body)
    entries.push({
      label: 'Copy text',
      icon: <Copy className="size-4 text-muted" aria-hidden />,
      onSelect: () => void navigator.clipboard?.writeText(message.body).catch(() => undefined),
    });
  if (canEdit)
    entries.push({
      label: 'Edit',
      icon: <Pencil className="size-4 text-muted" aria-hidden />,
      onSelect: onEdit,
    });
  if (message.is_edited)
    entries.push({
      label: 'Edit history',
      icon: <History className="size-4 text-muted" aria-hidden />,
      onSelect: onShowHistory,
    });
  if (own)
    entries.push({
      label: 'Delete',
      icon: <Trash2 className="size-4" aria-hidden />,
      onSelect: () => setConfirming(true),
      danger: true,
    });

  return (
    <>
      <MenuButton
        label="Message actions"
        buttonClassName="flex size-8 shrink-0 items-center justify-center rounded-full text-muted opacity-0 transition-opacity group-hover/message:opacity-100 [@media(hover:none)]:opacity-100 hover:bg-surface hover:text-text focus-visible:opacity-100 data-[state=open]:opacity-100"
        button={<MoreHorizontal className="size-4" aria-hidden />}
        align={own ? 'end' : 'start'}
        entries={entries}
      />
      {confirmMounted && (
        <DeleteConfirmation
          open={confirming}
          onOpenChange={setConfirming}
          onConfirm={() => remove.mutate({ message_id: message.id })}
        />
      )}
    </>
  );
}
