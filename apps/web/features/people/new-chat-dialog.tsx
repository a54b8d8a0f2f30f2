'use client';

/** STUB: filled in by the dialogs work. Opens a one-to-one chat with someone found by a server-side search. */
export function NewChatDialog(_props: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return null;
}
