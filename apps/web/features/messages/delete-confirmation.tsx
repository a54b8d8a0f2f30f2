'use client';

import { AlertDialog } from 'radix-ui';
import { Button } from '../../ui/button';

/** "Delete this message for everyone?": nothing is deleted until the reader confirms. */
export function DeleteConfirmation({
  open,
  onOpenChange,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
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
              <Button variant="danger" onClick={onConfirm}>
                Delete
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
