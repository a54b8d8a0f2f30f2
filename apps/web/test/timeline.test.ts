import { describe, expect, it } from 'vitest';
import { buildTimeline, keepUnchangedRows, type TimelineItem } from '../features/messages/timeline';
import type { Message } from '../trpc/types';
import { message } from './support/messages';

const VIEWER = 1;
const PEER = 2;

const byKey = (rows: readonly TimelineItem[]) => new Map(rows.map((row) => [row.key, row]));

describe('keepUnchangedRows', () => {
  it('hands back the same row objects when only a new message arrives, except the rows whose run changed', () => {
    const history = [message(1, PEER, 0), message(2, VIEWER, 1), message(3, VIEWER, 2)];
    const before = keepUnchangedRows(buildTimeline(history, [], VIEWER), new Map());

    const next = [...history, message(4, VIEWER, 3)];
    const after = keepUnchangedRows(buildTimeline(next, [], VIEWER), byKey(before));

    expect(after).toHaveLength(4);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    // Message 3 no longer ends its run (message 4 joins it): a new row, so that its bubble loses its tail.
    expect(after[2]).not.toBe(before[2]);
    expect(after[2]?.endsRun).toBe(false);
    expect(after[3]?.endsRun).toBe(true);
  });

  it('replaces the row of a message that changed (an edit), and only that one', () => {
    const history = [message(1, PEER, 0), message(2, VIEWER, 10)];
    const before = keepUnchangedRows(buildTimeline(history, [], VIEWER), new Map());
    const edited = { ...history[1], body: 'edited', is_edited: true } as Message;
    const after = keepUnchangedRows(
      buildTimeline([history[0] as Message, edited], [], VIEWER),
      byKey(before),
    );

    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]?.kind === 'message' && after[1].message.body).toBe('edited');
  });
});
