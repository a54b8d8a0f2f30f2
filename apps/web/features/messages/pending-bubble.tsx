'use client';

import { Mic, RotateCw, X } from 'lucide-react';
import { linkify } from '../../lib/linkify';
import { clockTime } from '../../lib/time';
import { useMessenger } from '../messenger/runtime';
import { BubbleFrame } from './bubble-frame';
import { DeliveryTicks } from './delivery-ticks';
import type { PendingMessage } from './outbox';

/**
 * An own message on its way: shown at once, "waiting" for the network, "sending" with upload progress, or "not
 * sent" (refused by the server) with retry.
 */
export function PendingBubble({ pending, tail }: { pending: PendingMessage; tail: boolean }) {
  const { outbox } = useMessenger();
  const failed = pending.state === 'failed';
  const image = pending.type === 'image' ? pending.previewUrl : undefined;
  const uploading = pending.progress !== undefined && pending.progress < 1;
  return (
    <div className="flex flex-col items-end gap-1">
      <BubbleFrame own tail={tail} media={Boolean(image)} className={failed ? 'opacity-80' : undefined}>
        {image && (
          <div className="relative overflow-hidden rounded-xl">
            {/* biome-ignore lint/performance/noImgElement: a local preview (blob: URL) */}
            <img src={image} alt="Attachment being sent" className="block max-h-80 w-auto max-w-[320px]" />
            {uploading && (
              <div className="absolute inset-x-3 bottom-3 h-1.5 overflow-hidden rounded-full bg-black/30">
                <div
                  role="progressbar"
                  aria-label="Upload progress"
                  aria-valuenow={Math.round((pending.progress ?? 0) * 100)}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  className="h-full bg-white transition-[width]"
                  style={{ width: `${Math.round((pending.progress ?? 0) * 100)}%` }}
                />
              </div>
            )}
          </div>
        )}
        <p className={image ? 'px-2 pt-1 pb-0.5' : 'break-words whitespace-pre-wrap'}>
          {pending.type === 'audio' && (
            <span className="inline-flex items-center gap-1.5">
              <Mic className="size-4 text-muted" aria-hidden /> Voice message
            </span>
          )}
          {pending.body && linkify(pending.body)}
          <span className="ml-2 inline-flex translate-y-0.5 items-center gap-1 align-bottom text-[11px] text-muted">
            <time dateTime={pending.createdAt}>{clockTime(pending.createdAt)}</time>
            <DeliveryTicks state={pending.state} />
          </span>
        </p>
      </BubbleFrame>
      {failed && (
        <div className="flex items-center gap-2 text-xs">
          <span className="text-danger" role="alert">
            Not sent{pending.error ? `: ${pending.error}` : ''}
          </span>
          <button
            type="button"
            onClick={() => outbox.retry(pending.clientId)}
            className="inline-flex items-center gap-1 rounded-full bg-surface px-2 py-1 font-medium text-accent shadow-sm hover:bg-surface-2"
          >
            <RotateCw className="size-3" aria-hidden /> Retry
          </button>
          <button
            type="button"
            aria-label="Discard message"
            onClick={() => outbox.discard(pending.clientId)}
            className="inline-flex size-6 items-center justify-center rounded-full bg-surface text-muted shadow-sm hover:bg-surface-2"
          >
            <X className="size-3" aria-hidden />
          </button>
        </div>
      )}
    </div>
  );
}
