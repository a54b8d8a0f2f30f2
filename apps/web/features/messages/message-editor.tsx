'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { Message } from '../../trpc/types';
import { Button } from '../../ui/button';
import { upsertMessage } from './message-cache';

/** Edits one's own text message in place: Enter saves, Shift+Enter adds a line, Escape cancels. */
export function MessageEditor({ message, onDone }: { message: Message; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(message.body);
  const edit = useMutation(
    trpc.messages.edit.mutationOptions({
      onSuccess: (edited) => {
        upsertMessage(queryClient, edited);
        onDone();
      },
    }),
  );
  const unchanged = body.trim() === message.body.trim();

  function save() {
    if (!body.trim()) return;
    if (unchanged) return onDone();
    edit.mutate({ message_id: message.id, body });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  }

  return (
    <div className="w-[min(32rem,70vw)] rounded-2xl border border-accent bg-surface p-2 shadow-sm">
      <textarea
        aria-label="Edit message"
        // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this message
        autoFocus
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
        rows={Math.min(8, body.split('\n').length + 1)}
        className="w-full resize-none bg-transparent px-1 text-[15px] outline-none"
      />
      {edit.error && (
        <p role="alert" className="px-1 text-xs text-danger">
          {edit.error.message}
        </p>
      )}
      <div className="mt-1 flex justify-end gap-2">
        <Button variant="ghost" className="h-8 px-3" onClick={onDone}>
          Cancel
        </Button>
        <Button className="h-8 px-3" onClick={save} disabled={!body.trim() || edit.isPending}>
          Save
        </Button>
      </div>
    </div>
  );
}
