import { CircleAlert, RotateCcw, X } from 'lucide-react';
import { Button } from '../../ui/button';
import { IconButton } from '../../ui/icon-button';
import type { Turn } from './use-assistant-stream';

/**
 * Under the last bubble: that a stopped reply is still being written (it comes as an ordinary message), or why
 * the question got no reply, with a retry.
 */
export function TurnNotice({
  turn,
  onRetry,
  onDismiss,
}: {
  turn: Turn | null;
  onRetry: () => void;
  onDismiss: () => void;
}) {
  if (turn?.phase === 'detached')
    return (
      <p
        role="status"
        className="mx-auto my-2 w-fit max-w-[90%] rounded-full bg-surface px-3 py-1 text-center text-xs text-muted shadow-sm"
      >
        Stopped following the reply. The assistant is still finishing it; it will appear here when it is done.
      </p>
    );
  if (turn?.phase !== 'failed' || !turn.failure) return null;
  const { title, detail } = turn.failure;
  return (
    <div
      role="alert"
      className="mx-3 my-2 flex items-start gap-3 rounded-xl border border-danger/30 bg-danger-soft px-3 py-2.5 text-sm sm:mx-6"
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden />
      <div className="min-w-0 flex-1">
        <p className="font-semibold">{title}</p>
        {detail && <p className="mt-0.5 text-text">{detail}</p>}
      </div>
      <Button variant="secondary" className="h-8 shrink-0 gap-1.5 px-3 text-sm" onClick={onRetry}>
        <RotateCcw className="size-3.5" aria-hidden />
        Try again
      </Button>
      <IconButton label="Dismiss" onClick={onDismiss} className="size-8 hover:bg-surface-3">
        <X className="size-4" aria-hidden />
      </IconButton>
    </div>
  );
}
