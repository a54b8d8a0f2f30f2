import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * The bar above an open chat, whatever chat it is: on a phone (the list and the chat are separate screens) it
 * starts with the way back to the list.
 */
export function PaneHeaderFrame({ children }: { children: ReactNode }) {
  return (
    <header className="flex h-16 shrink-0 items-center gap-2 border-b border-border bg-surface px-2 sm:px-4">
      <Link
        href="/"
        aria-label="Back to chats"
        className="inline-flex size-10 items-center justify-center rounded-full text-muted hover:bg-surface-2 md:hidden"
      >
        <ArrowLeft className="size-5" aria-hidden />
      </Link>
      {children}
    </header>
  );
}
