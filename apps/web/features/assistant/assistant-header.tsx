import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { cn } from '../../ui/cn';
import { AssistantAvatar } from './assistant-avatar';

/** The assistant chat's header: its icon, its name, and what it is doing. */
export function AssistantHeader({ status, live }: { status: string; live: boolean }) {
  return (
    <header className="flex h-16 shrink-0 items-center gap-2 border-b border-border bg-surface px-2 sm:px-4">
      <Link
        href="/"
        aria-label="Back to chats"
        className="inline-flex size-10 items-center justify-center rounded-full text-muted hover:bg-surface-2 md:hidden"
      >
        <ArrowLeft className="size-5" aria-hidden />
      </Link>
      <AssistantAvatar size={40} />
      <div className="min-w-0 flex-1 pl-1">
        <h2 className="truncate text-[15px] leading-tight font-semibold">Assistant</h2>
        <p
          className={cn('truncate text-xs', live ? 'text-accent' : 'text-muted')}
          aria-live="polite"
          data-testid="conversation-status"
        >
          {status}
        </p>
      </div>
    </header>
  );
}
