'use client';

import { useQuery } from '@tanstack/react-query';
import { clockTime, dayLabel } from '../../lib/time';
import { useTRPC } from '../../trpc/react';
import { cn } from '../../ui/cn';
import { Dialog } from '../../ui/dialog';
import { Spinner } from '../people/spinner';

/** A message's earlier versions (`messages.edits`), oldest first, then the current text. */
export function EditHistoryDialog({
  messageId,
  open,
  onOpenChange,
}: {
  messageId: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Edit history">
      {/* Mounted only while open, so the history is fetched only when someone asks for it. */}
      <EditHistory messageId={messageId} />
    </Dialog>
  );
}

/** "Today, 14:05" */
const when = (iso: string) => `${dayLabel(iso)}, ${clockTime(iso)}`;

function EditHistory({ messageId }: { messageId: number }) {
  const trpc = useTRPC();
  // Fetched again on each opening: the message may have been edited since.
  const history = useQuery({ ...trpc.messages.edits.queryOptions({ message_id: messageId }), staleTime: 0 });

  if (history.error)
    return (
      <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
        {history.error.message}
      </p>
    );
  if (!history.data)
    return (
      <div className="flex justify-center py-8 text-accent">
        <Spinner label="Loading the edit history" className="size-6" />
      </div>
    );

  const { message, edits } = history.data;
  if (message.status === 'delete')
    return <p className="py-6 text-center text-sm text-muted">This message was deleted with its history.</p>;

  // Each earlier text was written when the previous edit happened (the first one when the message was sent).
  const versions = edits.map((edit, index) => ({
    key: edit.id,
    label: index === 0 ? 'Original' : `Edit ${index}`,
    body: edit.previous_body,
    at: index === 0 ? message.created_at : (edits[index - 1]?.edited_at ?? message.created_at),
  }));
  const currentAt = edits.at(-1)?.edited_at ?? message.updated_at;

  return (
    <ol className="grid gap-2">
      {versions.map((version) => (
        <Version key={version.key} label={version.label} at={version.at} body={version.body} />
      ))}
      <Version label="Current" at={currentAt} body={message.body} current />
    </ol>
  );
}

function Version({
  label,
  at,
  body,
  current,
}: {
  label: string;
  at: string;
  body: string;
  current?: boolean;
}) {
  return (
    <li className={cn('grid gap-1 rounded-xl px-3 py-2', current ? 'bg-accent-soft' : 'bg-surface-2')}>
      <div className="flex items-baseline justify-between gap-3 text-xs">
        <span className={cn('font-semibold', current ? 'text-accent-strong' : 'text-muted')}>{label}</span>
        <time dateTime={at} className="shrink-0 text-muted">
          {when(at)}
        </time>
      </div>
      <p className="text-[15px] leading-snug break-words whitespace-pre-wrap">{body}</p>
    </li>
  );
}
