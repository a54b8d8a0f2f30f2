'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Paperclip, SendHorizontal, X } from 'lucide-react';
import dynamic from 'next/dynamic';
import {
  type ClipboardEvent,
  type FormEvent,
  forwardRef,
  type KeyboardEvent,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { useTRPC } from '../../trpc/react';
import { IconButton } from '../../ui/icon-button';
import { useMessenger } from '../messenger/runtime';
import { RecordButton, type RecordingStart } from '../voice/record-button';
import { imageProblem } from './image-rules';

// The recorder (MediaRecorder, the microphone) loads when the user starts recording, not with the page.
const VoiceRecorder = dynamic(() => import('../voice/voice-recorder').then((m) => m.VoiceRecorder));

import { flattenHistory, type History, historyKey, lastEditable } from './message-cache';

export interface ComposerHandle {
  /** Stages a picture (from drag and drop onto the pane). */
  attach(file: File): void;
}

/** A typing signal lasts a few seconds on the server; renewing it every 3 s keeps it up while the user types. */
const TYPING_RENEW_MS = 3_000;
const MAX_ROWS = 8;

/**
 * Writes and sends: Enter sends, Shift+Enter adds a line, the box grows with its text. Sending is optimistic
 * (the outbox shows the bubble at once). A picture can be picked, pasted or dropped, with an optional caption.
 */
export const Composer = forwardRef<ComposerHandle, { conversationId: number; onSent: () => void }>(
  function Composer({ conversationId, onSent }, ref) {
    const { outbox, editRequest, viewerId } = useMessenger();
    const queryClient = useQueryClient();
    const trpc = useTRPC();
    const typing = useMutation(trpc.events.typing.mutationOptions());
    const [text, setText] = useState('');
    const [attachment, setAttachment] = useState<{ file: File; preview: string } | null>(null);
    const [problem, setProblem] = useState<string | null>(null);
    const [recording, setRecording] = useState<RecordingStart | null>(null);
    const textarea = useRef<HTMLTextAreaElement>(null);
    const fileInput = useRef<HTMLInputElement>(null);
    const lastTyping = useRef(0);

    function attach(file: File) {
      const refused = imageProblem(file);
      if (refused) {
        setProblem(refused);
        return;
      }
      setProblem(null);
      setAttachment({ file, preview: URL.createObjectURL(file) });
      textarea.current?.focus();
    }
    useImperativeHandle(ref, () => ({ attach }));

    useEffect(
      () => () => {
        if (attachment) URL.revokeObjectURL(attachment.preview);
      },
      [attachment],
    );

    // The box grows with its text up to MAX_ROWS lines, then scrolls.
    // biome-ignore lint/correctness/useExhaustiveDependencies: measured again whenever the text changes
    useEffect(() => {
      const box = textarea.current;
      if (!box) return;
      box.style.height = 'auto';
      const line = Number.parseFloat(getComputedStyle(box).lineHeight) || 20;
      box.style.height = `${Math.min(box.scrollHeight, line * MAX_ROWS + 16)}px`;
    }, [text]);

    function send() {
      const body = text.trim();
      if (attachment) {
        outbox.sendFile(conversationId, 'image', attachment.file, body);
        setAttachment(null);
      } else if (body) {
        outbox.sendText(conversationId, body);
      } else {
        return;
      }
      setText('');
      setProblem(null);
      lastTyping.current = 0;
      onSent();
    }

    function onChange(value: string) {
      setText(value);
      const now = Date.now();
      if (value.trim() && now - lastTyping.current > TYPING_RENEW_MS) {
        lastTyping.current = now;
        typing.mutate({ conversation_id: conversationId });
      }
    }

    function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
      if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
        event.preventDefault();
        send();
      } else if (event.key === 'ArrowUp' && text === '' && !attachment) {
        // As in the big messengers: Up in an empty box edits one's last message.
        const last = lastEditable(
          flattenHistory(queryClient.getQueryData<History>(historyKey(conversationId))),
          viewerId,
        );
        if (last) {
          event.preventDefault();
          editRequest.set(last.id);
        }
      }
    }

    function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
      const file = [...event.clipboardData.files].find((f) => f.type.startsWith('image/'));
      if (!file) return;
      event.preventDefault();
      attach(file);
    }

    function onSubmit(event: FormEvent) {
      event.preventDefault();
      send();
    }

    return (
      <form onSubmit={onSubmit} className="shrink-0 border-t border-border bg-surface px-2 py-2 sm:px-4">
        {problem && (
          <p role="alert" className="mb-2 rounded-lg bg-danger-soft px-3 py-1.5 text-sm text-danger">
            {problem}
          </p>
        )}
        {attachment && (
          <div className="mb-2 flex items-center gap-3 rounded-xl bg-surface-2 p-2">
            {/* biome-ignore lint/performance/noImgElement: a local preview (blob: URL) */}
            <img
              src={attachment.preview}
              alt="Attachment to send"
              className="size-14 rounded-lg object-cover"
            />
            <div className="min-w-0 flex-1 text-sm">
              <p className="truncate font-medium">{attachment.file.name || 'Pasted picture'}</p>
              <p className="text-xs text-muted">Add a caption, or press Enter to send</p>
            </div>
            <IconButton label="Remove picture" onClick={() => setAttachment(null)}>
              <X className="size-4" aria-hidden />
            </IconButton>
          </div>
        )}
        {recording && (
          <VoiceRecorder
            conversationId={conversationId}
            start={recording}
            onClose={() => {
              setRecording(null);
              textarea.current?.focus();
            }}
            onSent={onSent}
          />
        )}
        {/* Hidden, not unmounted, while recording: what was typed stays. */}
        <div className={recording ? 'hidden' : 'flex items-end gap-1'}>
          <IconButton label="Attach image" tooltipSide="top" onClick={() => fileInput.current?.click()}>
            <Paperclip className="size-5" aria-hidden />
          </IconButton>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            aria-label="Image file"
            className="hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) attach(file);
              event.target.value = '';
            }}
          />
          <textarea
            ref={textarea}
            aria-label="Message"
            placeholder="Message"
            rows={1}
            value={text}
            onChange={(event) => onChange(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            className="max-h-52 min-h-10 flex-1 resize-none rounded-2xl bg-surface-2 px-4 py-2 text-[15px] leading-6 outline-none placeholder:text-muted focus-visible:outline-none focus:ring-1 focus:ring-accent/40"
          />
          <RecordButton onStart={setRecording} />
          <IconButton
            type="submit"
            label="Send"
            tooltipSide="top"
            disabled={!text.trim() && !attachment}
            className="bg-accent text-on-accent hover:bg-accent-strong hover:text-on-accent disabled:bg-surface-2 disabled:text-muted"
          >
            <SendHorizontal className="size-5" aria-hidden />
          </IconButton>
        </div>
      </form>
    );
  },
);
