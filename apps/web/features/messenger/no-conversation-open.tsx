import { MessagesSquare } from 'lucide-react';

/** The right-hand pane before a conversation is chosen (wide screens only). */
export function NoConversationOpen() {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 bg-chat-bg p-8 text-center">
      <span className="flex size-16 items-center justify-center rounded-full bg-surface text-accent shadow-sm">
        <MessagesSquare className="size-8" aria-hidden />
      </span>
      <h2 className="text-lg font-semibold">Your messages</h2>
      <p className="max-w-xs text-sm text-muted">
        Pick a conversation on the left, or start a new one with the pencil button.
      </p>
      <p className="text-xs text-muted">
        <kbd className="rounded border border-border bg-surface px-1 font-sans">Ctrl</kbd>{' '}
        <kbd className="rounded border border-border bg-surface px-1 font-sans">K</kbd> jumps to a
        conversation; <kbd className="rounded border border-border bg-surface px-1 font-sans">?</kbd> lists
        every shortcut.
      </p>
    </div>
  );
}
