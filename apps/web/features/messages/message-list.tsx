'use client';

import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { ChevronDown } from 'lucide-react';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { dayLabel } from '../../lib/time';
import type { Conversation, Message } from '../../trpc/types';
import { IconButton } from '../../ui/icon-button';
import { useMessenger } from '../messenger/runtime';
import { useReceipts } from '../receipts/use-receipts';
import { createFloatingDayStore, FloatingDay } from './floating-day';
import type { History } from './message-cache';
import { MessageRow } from './message-row';
import type { PendingMessage } from './outbox';
import { buildTimeline, keepUnchangedRows, type TimelineItem } from './timeline';

interface ListContext {
  loadingOlder: boolean;
}

/**
 * Above the oldest message held: a spinner while an older page loads. One height whether it spins or not: the
 * older page replaces the spinner, and a header that shrank at that moment would move the messages on screen.
 */
function ListHeader({ context }: { context: ListContext }) {
  if (context.loadingOlder)
    return (
      <div
        className="flex h-11 items-center justify-center"
        role="status"
        aria-label="Loading older messages"
      >
        <span className="size-5 animate-spin rounded-full border-2 border-accent border-t-transparent" />
      </div>
    );
  return <div className="h-11" />;
}

const LIST_PARTS = { Header: ListHeader, Footer: () => <div className="h-3" /> };

export interface MessageListHandle {
  scrollToBottom(): void;
}

/**
 * Virtuoso keeps the viewport still when older pages are prepended if the first item's index goes down by the
 * number prepended; only older pages prepend (live messages append), so the index counts down from here.
 */
const FIRST_INDEX = 1_000_000_000;

/**
 * The history, virtualized (a conversation of 10,000 messages scrolls as smoothly as one of ten): opens at the
 * newest message, loads older pages as the reader scrolls up without moving what they look at, and follows new
 * messages only when the reader is already at the bottom.
 */
export const MessageList = forwardRef<
  MessageListHandle,
  {
    conversationId: number;
    conversation: Conversation | undefined;
    history: UseInfiniteQueryResult<History>;
    messages: readonly Message[];
    pending: readonly PendingMessage[];
  }
>(function MessageList({ conversationId, conversation, history, messages, pending }, ref) {
  const { viewerId } = useMessenger();
  const reach = useReceipts(conversationId, viewerId);
  const virtuoso = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [floatingDay] = useState(createFloatingDayStore);
  const olderExists = history.hasNextPage;
  const rowsByKey = useRef<ReadonlyMap<string, TimelineItem>>(new Map());
  const items = useMemo(
    () => keepUnchangedRows(buildTimeline(messages, pending, viewerId, olderExists), rowsByKey.current),
    [messages, pending, viewerId, olderExists],
  );
  useEffect(() => {
    rowsByKey.current = new Map(items.map((item) => [item.key, item]));
  }, [items]);
  const olderCount = useMemo(
    () => (history.data?.pages ?? []).slice(1).reduce((sum, page) => sum + page.messages.length, 0),
    [history.data],
  );
  const newestOwnId = useMemo(() => {
    for (let i = messages.length - 1; i >= 0; i--)
      if (messages[i]?.sender_id === viewerId) return messages[i]?.id;
    return undefined;
  }, [messages, viewerId]);

  const scrollToBottom = useCallback(() => {
    virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' });
  }, []);
  useImperativeHandle(ref, () => ({ scrollToBottom }), [scrollToBottom]);

  const firstIndex = FIRST_INDEX - olderCount;
  // The day of the topmost row in view (Virtuoso's range would include rows rendered above the view). Probed down
  // from the top edge, past the list's header at the very top; `data-index` is the row's place in `items`.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const followTop = useCallback(
    (scroller: HTMLElement) => {
      const box = scroller.getBoundingClientRect();
      for (let y = box.top + 8; y < Math.min(box.bottom, box.top + 160); y += 24) {
        const row = document
          .elementFromPoint(box.left + box.width / 2, y)
          ?.closest<HTMLElement>('[data-index]');
        const top = row ? itemsRef.current[Number(row.dataset.index)] : undefined;
        if (!top) continue;
        // A row that starts its day shows the day's separator above it: near the top edge, that is the chip.
        const covered = top.startsDay && (row?.getBoundingClientRect().top ?? 0) > box.top - 8;
        return floatingDay.set({ ...floatingDay.get(), createdAt: top.createdAt, covered });
      }
    },
    [floatingDay],
  );
  const [scroller, setScroller] = useState<HTMLElement | Window | null>(null);
  useEffect(() => {
    if (!(scroller instanceof HTMLElement)) return;
    let frame = 0;
    // At most once a frame, off React: only the chip re-renders.
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        followTop(scroller);
      });
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [scroller, followTop]);
  const followScrolling = useCallback(
    (scrolling: boolean) => floatingDay.set({ ...floatingDay.get(), scrolling }),
    [floatingDay],
  );

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = history;
  const loadOlder = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (history.isPending) {
    return (
      <div className="flex flex-1 items-center justify-center" role="status" aria-label="Loading messages">
        <span className="size-6 animate-spin rounded-full border-2 border-accent border-t-transparent" />
      </div>
    );
  }
  if (history.isError) {
    return (
      <div className="flex flex-1 items-center justify-center p-6 text-sm text-muted" role="alert">
        Could not load the messages.
      </div>
    );
  }

  return (
    <div role="log" aria-label="Messages" className="relative min-h-0 flex-1">
      {items.length === 0 ? (
        <div className="flex h-full items-center justify-center p-6">
          <p className="rounded-full bg-surface px-4 py-2 text-sm text-muted shadow-sm">
            No messages yet. Say hello!
          </p>
        </div>
      ) : (
        <Virtuoso<TimelineItem, ListContext>
          ref={virtuoso}
          className="h-full"
          data={items}
          firstItemIndex={firstIndex}
          initialTopMostItemIndex={items.length - 1}
          alignToBottom
          computeItemKey={(_, item) => item.key}
          startReached={loadOlder}
          followOutput={(bottom) => (bottom ? 'smooth' : false)}
          atBottomStateChange={setAtBottom}
          isScrolling={followScrolling}
          scrollerRef={setScroller}
          atBottomThreshold={80}
          increaseViewportBy={{ top: 600, bottom: 300 }}
          context={{ loadingOlder: isFetchingNextPage }}
          components={LIST_PARTS}
          itemContent={(index, item) => (
            <>
              {index === firstIndex && !hasNextPage && (
                <p className="pt-2 pb-1 text-center text-xs text-muted">
                  This is the beginning of the conversation.
                </p>
              )}
              {item.startsDay && (
                <div className="flex justify-center py-2">
                  <span
                    data-testid="day-separator"
                    className="rounded-full bg-surface/90 px-3 py-1 text-xs font-medium text-muted shadow-sm"
                  >
                    {dayLabel(item.createdAt)}
                  </span>
                </div>
              )}
              <MessageRow
                item={item}
                isGroup={conversation?.is_group ?? false}
                viewerId={viewerId}
                reach={
                  item.kind === 'message' && item.message.sender_id === viewerId
                    ? reach(item.message.id)
                    : null
                }
                showReadBy={item.kind === 'message' && item.message.id === newestOwnId}
              />
            </>
          )}
        />
      )}
      {items.length > 0 && <FloatingDay store={floatingDay} />}
      {!atBottom && items.length > 0 && (
        <IconButton
          label="Scroll to the newest message"
          tooltipSide="left"
          onClick={scrollToBottom}
          className="absolute right-4 bottom-4 border border-border bg-surface shadow-lg hover:bg-surface"
        >
          <ChevronDown className="size-5" aria-hidden />
        </IconButton>
      )}
    </div>
  );
});
