'use client';

/** STUB: filled in by the dialogs work. Creates a group (title and members). */
export function NewGroupDialog(_props: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return null;
}
