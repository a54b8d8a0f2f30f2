'use client';

import type { Conversation } from '../../trpc/types';

/** STUB: filled in by the dialogs work. A group's members: add, remove, leave. */
export function GroupInfoDialog(_props: {
  conversation: Conversation;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return null;
}
