'use client';

import { Ban } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import { useStore } from '../../lib/external-store';
import { linkify } from '../../lib/linkify';
import { clockTime } from '../../lib/time';
import type { Message } from '../../trpc/types';
import { displayName } from '../../ui/avatar';
import { cn } from '../../ui/cn';
import { useOpenedOnce } from '../../ui/use-opened-once';
import { useMessenger } from '../messenger/runtime';
import type { Reach } from '../receipts/use-receipts';
import { VoicePlayer } from '../voice/voice-player';
import { BubbleFrame } from './bubble-frame';
import { DeliveryTicks } from './delivery-ticks';
import { MessageActions } from './message-actions';

// Opened by a click: loaded then, not with the page.
const EditHistoryDialog = dynamic(() => import('./edit-history-dialog').then((m) => m.EditHistoryDialog));
const ImageViewer = dynamic(() => import('./image-viewer').then((m) => m.ImageViewer));

import { MessageEditor } from './message-editor';

/** A stored message: its content, time, "edited", and for own messages the delivery ticks and actions. */
export function MessageBubble({
  message,
  own,
  tail,
  reach,
  isGroup,
  showReadBy,
}: {
  message: Message;
  own: boolean;
  tail: boolean;
  reach: Reach | null;
  isGroup: boolean;
  showReadBy: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const { editRequest } = useMessenger();
  const editRequested = useStore(editRequest) === message.id;
  useEffect(() => {
    if (!editRequested) return;
    editRequest.set(null);
    setEditing(true);
  }, [editRequested, editRequest]);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [viewerOpen, setViewerOpen] = useState(false);
  const [imageShown, setImageShown] = useState(false);
  const historyMounted = useOpenedOnce(historyOpen);
  const viewerMounted = useOpenedOnce(viewerOpen);
  const deleted = message.status === 'delete';
  const image = !deleted && message.type === 'image' ? message.media : null;

  if (editing) {
    return <MessageEditor message={message} onDone={() => setEditing(false)} />;
  }

  const readByLabel =
    reach && isGroup && reach.readBy > 0
      ? reach.readBy === reach.others
        ? `Read by everyone`
        : `Read by ${reach.readBy}`
      : undefined;

  const meta = (
    <span
      className={cn(
        'ml-2 inline-flex translate-y-0.5 items-center gap-1 align-bottom text-[11px] whitespace-nowrap text-muted select-none',
        image &&
          !message.body &&
          'absolute right-2 bottom-2 rounded-full bg-black/45 px-1.5 py-0.5 text-white',
      )}
    >
      {message.is_edited && !deleted && (
        <button
          type="button"
          className="hover:underline"
          onClick={() => setHistoryOpen(true)}
          aria-label="Edited: show earlier versions"
        >
          edited
        </button>
      )}
      <time dateTime={message.created_at}>{clockTime(message.created_at)}</time>
      {own && reach && !deleted && <DeliveryTicks state={reach.state} label={readByLabel} />}
    </span>
  );

  return (
    <div className="group/message relative flex max-w-full items-center gap-1">
      {own && !deleted && (
        <MessageActions
          message={message}
          own={own}
          onEdit={() => setEditing(true)}
          onShowHistory={() => setHistoryOpen(true)}
        />
      )}
      <div className={cn('flex min-w-0 flex-col', own ? 'items-end' : 'items-start')}>
        <BubbleFrame own={own} tail={tail} media={Boolean(image)}>
          {deleted ? (
            <p className="flex items-center gap-1.5 text-muted italic">
              <Ban className="size-4" aria-hidden /> Message deleted
              {meta}
            </p>
          ) : image ? (
            <>
              <button
                type="button"
                onClick={() => setViewerOpen(true)}
                className="block overflow-hidden rounded-xl"
                aria-label={`Open photo from ${displayName(message.sender)}`}
              >
                {/* biome-ignore lint/performance/noImgElement: media comes from our own server */}
                <img
                  src={image.thumbnail_url ?? image.url}
                  alt={message.body || `Photo from ${displayName(message.sender)}`}
                  width={image.width ?? undefined}
                  height={image.height ?? undefined}
                  // Its box is kept from the stored size; until the picture arrives it is a soft pulsing panel.
                  onLoad={() => setImageShown(true)}
                  className={cn(
                    'block h-auto max-h-80 w-auto max-w-full object-cover',
                    !imageShown && 'animate-pulse bg-surface-3',
                  )}
                  style={{
                    aspectRatio: image.width && image.height ? `${image.width} / ${image.height}` : undefined,
                    width: image.width ? Math.min(image.width, 320) : undefined,
                  }}
                  loading="lazy"
                />
              </button>
              {message.body ? (
                <p className="px-2 pt-1 pb-0.5 break-words whitespace-pre-wrap">
                  {linkify(message.body)}
                  {meta}
                </p>
              ) : (
                meta
              )}
              {viewerMounted && (
                <ImageViewer
                  src={image.url}
                  alt={message.body || `Photo from ${displayName(message.sender)}`}
                  open={viewerOpen}
                  onOpenChange={setViewerOpen}
                />
              )}
            </>
          ) : message.type === 'audio' && message.media ? (
            <p className="flex items-end gap-1">
              <VoicePlayer src={message.media.url} mime={message.media.mime} own={own} />
              {meta}
            </p>
          ) : (
            <p className="break-words whitespace-pre-wrap">
              {linkify(message.body)}
              {meta}
            </p>
          )}
        </BubbleFrame>
        {showReadBy && readByLabel && (
          <span className="mt-0.5 mr-1 text-[11px] text-muted" aria-hidden>
            {readByLabel}
          </span>
        )}
      </div>
      {!own && !deleted && (
        <MessageActions
          message={message}
          own={own}
          onEdit={() => setEditing(true)}
          onShowHistory={() => setHistoryOpen(true)}
        />
      )}
      {historyMounted && (
        <EditHistoryDialog messageId={message.id} open={historyOpen} onOpenChange={setHistoryOpen} />
      )}
    </div>
  );
}
