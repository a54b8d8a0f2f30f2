'use client';

import { SendHorizontal, Square } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { IconButton } from '../../ui/icon-button';

const MAX_ROWS = 8;

/**
 * The question box: Enter asks, Shift+Enter adds a line. While a reply is being written the send button becomes
 * Stop. Without AI settings on the server it is disabled, and says why.
 */
export function AssistantComposer({
  disabledReason,
  answering,
  onAsk,
  onStop,
}: {
  disabledReason: string | null;
  answering: boolean;
  onAsk: (question: string) => void;
  onStop: () => void;
}) {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const disabled = disabledReason !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again whenever the text changes
  useEffect(() => {
    const area = box.current;
    if (!area) return;
    area.style.height = 'auto';
    const line = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.style.height = `${Math.min(area.scrollHeight, line * MAX_ROWS + 16)}px`;
  }, [text]);

  function ask() {
    const question = text.trim();
    if (!question || disabled || answering) return;
    onAsk(question);
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      ask();
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    ask();
  }

  return (
    <form onSubmit={onSubmit} className="shrink-0 border-t border-border bg-surface px-2 py-2 sm:px-4">
      {disabledReason && (
        <p
          id="assistant-unavailable"
          className="mb-2 rounded-lg bg-warning px-3 py-2 text-sm text-on-warning"
        >
          {disabledReason}
        </p>
      )}
      <div className="flex items-end gap-1">
        <textarea
          ref={box}
          aria-label="Message"
          aria-describedby={disabledReason ? 'assistant-unavailable' : undefined}
          placeholder={disabled ? 'The assistant is unavailable' : 'Ask the assistant'}
          rows={1}
          value={text}
          disabled={disabled}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          className="max-h-52 min-h-10 flex-1 resize-none rounded-2xl bg-surface-2 px-4 py-2 text-[15px] leading-6 outline-none placeholder:text-muted focus-visible:outline-none focus:ring-1 focus:ring-accent/40 disabled:cursor-not-allowed"
        />
        {answering ? (
          <IconButton
            label="Stop"
            tooltipSide="top"
            onClick={onStop}
            className="bg-surface-2 text-text hover:bg-surface-3"
          >
            <Square className="size-4 fill-current" aria-hidden />
          </IconButton>
        ) : (
          <IconButton
            type="submit"
            label="Send"
            tooltipSide="top"
            disabled={disabled || !text.trim()}
            className="bg-accent text-on-accent hover:bg-accent-strong hover:text-on-accent disabled:bg-surface-2 disabled:text-muted"
          >
            <SendHorizontal className="size-5" aria-hidden />
          </IconButton>
        )}
      </div>
    </form>
  );
}
