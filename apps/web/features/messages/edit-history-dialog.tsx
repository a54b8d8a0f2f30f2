'use client';

/** STUB: filled in by the dialogs work. A message's earlier versions (`messages.edits`). */
export function EditHistoryDialog(_props: {
  messageId: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return null;
}
