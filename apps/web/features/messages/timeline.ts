import { sameDay } from '../../lib/time';
import type { Message } from '../../trpc/types';
import type { PendingMessage } from './outbox';

/** One row of the message list: a stored message or one still on its way, with how it sits among its neighbours. */
export type TimelineItem = (
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'pending'; key: string; pending: PendingMessage }
) & {
  senderId: number;
  createdAt: string;
  /** The first message of its day: a day separator goes above it. */
  startsDay: boolean;
  /** The first of a run from one sender (their name and avatar show once, in groups). */
  startsRun: boolean;
  /** The last of such a run (the bubble gets its tail; the avatar sits beside it). */
  endsRun: boolean;
};

/** Consecutive messages from one sender within this long form one run. */
const RUN_GAP_MS = 5 * 60 * 1000;

/**
 * The list's rows in order: stored messages, then the viewer's pending ones (those whose stored copy has not
 * arrived), keyed by client id where there is one, so a bubble keeps its identity from "sending" to "sent".
 *
 * `olderExists`: older messages exist that are not loaded yet. Whether the oldest loaded row starts a day is then
 * unknown, and it gets no separator: one shown there would vanish when the older page arrives (usually the same
 * day), and the row the reader is looking at would jump up by its height.
 */
export function buildTimeline(
  messages: readonly Message[],
  pending: readonly PendingMessage[],
  viewerId: number,
  olderExists = false,
): TimelineItem[] {
  const storedClientIds = new Set(messages.map((m) => m.client_message_id).filter(Boolean));
  const rows: Array<Omit<TimelineItem, 'startsDay' | 'startsRun' | 'endsRun'>> = [
    ...messages.map((message) => ({
      kind: 'message' as const,
      key: message.client_message_id ?? `m${message.id}`,
      message,
      senderId: message.sender_id,
      createdAt: message.created_at,
    })),
    ...pending
      .filter((p) => !storedClientIds.has(p.clientId))
      .map((p) => ({
        kind: 'pending' as const,
        key: p.clientId,
        pending: p,
        senderId: viewerId,
        createdAt: p.createdAt,
      })),
  ];
  return rows.map((row, i) => {
    const before = rows[i - 1];
    const after = rows[i + 1];
    const startsDay = before ? !sameDay(before.createdAt, row.createdAt) : !olderExists;
    const joinsBefore =
      before !== undefined &&
      sameDay(before.createdAt, row.createdAt) &&
      before.senderId === row.senderId &&
      Date.parse(row.createdAt) - Date.parse(before.createdAt) < RUN_GAP_MS;
    const joinsAfter =
      after !== undefined &&
      sameDay(after.createdAt, row.createdAt) &&
      after.senderId === row.senderId &&
      Date.parse(after.createdAt) - Date.parse(row.createdAt) < RUN_GAP_MS;
    return { ...row, startsDay, startsRun: !joinsBefore, endsRun: !joinsAfter } as TimelineItem;
  });
}

/**
 * The rows of `next`, with each row that did not change replaced by its object from `previous`: a new message then
 * re-renders its own row and its neighbours whose place in a run changed, not every row on screen (`MessageRow` is
 * memoised on its props).
 */
export function keepUnchangedRows(
  next: readonly TimelineItem[],
  previous: ReadonlyMap<string, TimelineItem>,
): TimelineItem[] {
  return next.map((row) => {
    const kept = previous.get(row.key);
    if (
      kept === undefined ||
      kept.kind !== row.kind ||
      kept.startsDay !== row.startsDay ||
      kept.startsRun !== row.startsRun ||
      kept.endsRun !== row.endsRun
    )
      return row;
    const same =
      kept.kind === 'message' && row.kind === 'message'
        ? kept.message === row.message
        : kept.kind === 'pending' && row.kind === 'pending' && kept.pending === row.pending;
    return same ? kept : row;
  });
}
