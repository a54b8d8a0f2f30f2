'use client';

import { X } from 'lucide-react';
import { Dialog as D } from 'radix-ui';
import type { ReactNode, RefObject } from 'react';
import { cn } from './cn';

/**
 * A modal dialog (Radix: focus trapped, Escape closes, focus returns to what opened it), with a title that
 * names it for screen readers and a close button.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  className,
  returnFocusTo,
}: {
  /** Where focus goes on close when what opened the dialog is gone (a menu item): usually the menu's button. */
  returnFocusTo?: RefObject<HTMLElement | null>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-black/40 [animation:fade-in_120ms_ease-out]" />
        <D.Content
          onCloseAutoFocus={(event) => {
            if (!returnFocusTo?.current) return;
            event.preventDefault();
            returnFocusTo.current.focus();
          }}
          className={cn(
            'fixed top-1/2 left-1/2 z-50 flex max-h-[90dvh] w-[min(28rem,calc(100vw-1.5rem))] -translate-x-1/2 -translate-y-1/2 flex-col rounded-2xl bg-surface shadow-2xl [animation:pop-in_140ms_ease-out]',
            className,
          )}
        >
          <div className="flex items-center justify-between gap-2 border-b border-border px-5 py-3">
            <D.Title className="text-base font-semibold">{title}</D.Title>
            <D.Close
              aria-label="Close"
              className="inline-flex size-9 items-center justify-center rounded-full text-muted hover:bg-surface-2 hover:text-text"
            >
              <X className="size-5" aria-hidden />
            </D.Close>
          </div>
          {description ? (
            <D.Description className="px-5 pt-3 text-sm text-muted">{description}</D.Description>
          ) : (
            <D.Description className="sr-only">{title}</D.Description>
          )}
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
