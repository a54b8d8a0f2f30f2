import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { Delivery } from '../realtime/fanout';
import { membersOf } from './audience';
import { type JournalRow, readJournalAfter, readJournalEntry } from './journal';
import { journalGapAfter, type ResyncReason } from './journal-retention';
import { loadMessageSnapshots } from './snapshots';
import type { RealtimeEvent } from './types';

export interface ReplayedEvent {
  id: number;
  event: RealtimeEvent;
}

const MESSAGE_KINDS = new Set(['message.created', 'message.edited', 'message.deleted']);

/**
 * Turns journal rows back into events from the current state, so a message deleted since is replayed without
 * its body. Rows whose subject no longer exists are dropped.
 */
async function hydrate(db: Kysely<Database>, rows: JournalRow[]): Promise<ReplayedEvent[]> {
  const messageIds = rows.filter((r) => MESSAGE_KINDS.has(r.kind)).map((r) => Number(r.payload.messageId));
  const messages = await loadMessageSnapshots(db, messageIds);
  const memberCache = new Map<number, number[]>();
  const replayed: ReplayedEvent[] = [];
  for (const row of rows) {
    const p = row.payload;
    if (MESSAGE_KINDS.has(row.kind)) {
      const snapshot = messages.get(Number(p.messageId));
      if (snapshot)
        replayed.push({ id: row.id, event: { type: row.kind as 'message.created', ...snapshot } });
    } else if (row.kind === 'conversation.changed') {
      const conversationId = Number(p.conversationId);
      const memberIds = memberCache.get(conversationId) ?? (await membersOf(db, conversationId));
      memberCache.set(conversationId, memberIds);
      replayed.push({ id: row.id, event: { type: 'conversation.changed', conversationId, memberIds } });
    } else if (row.kind === 'receipt') {
      const receipt = p.receipt === 'read' ? 'read' : 'delivered';
      replayed.push({
        id: row.id,
        event: {
          type: 'receipt',
          conversationId: Number(p.conversationId),
          userId: Number(p.userId),
          messageId: Number(p.messageId),
          receipt,
        },
      });
    }
  }
  return replayed;
}

/** A page of what was missed (`lastId` null when there is no more), or why it cannot be replayed. */
export type ReplayPage =
  | { events: ReplayedEvent[]; lastId: number | null; resync: null }
  | { resync: ResyncReason };

/**
 * What `userId` missed after `afterId`, oldest first, at most `limit` events (call again for more); or, when the
 * journal no longer holds all of it, the reason to resync instead. The check follows the read: pruning removes
 * only the oldest rows, so if nothing after `afterId` is missing now, nothing was when the page was read.
 */
export async function replayAfter(
  db: Kysely<Database>,
  userId: number,
  afterId: number,
  limit = 500,
): Promise<ReplayPage> {
  const rows = await readJournalAfter(db, userId, afterId, limit);
  const gap = await journalGapAfter(db, afterId);
  if (gap) return { resync: gap };
  return { events: await hydrate(db, rows), lastId: rows.at(-1)?.id ?? null, resync: null };
}

/** Rebuilds the delivery of one journaled event, for a hub that never received it live. */
export async function loadJournalDelivery(
  db: Kysely<Database>,
  id: number,
): Promise<Delivery<RealtimeEvent> | null> {
  const row = await readJournalEntry(db, id);
  if (!row) return null;
  const [replayed] = await hydrate(db, [row]);
  if (!replayed) return null;
  const recipients =
    row.conversationId !== null
      ? await membersOf(db, row.conversationId)
      : row.userId !== null
        ? [row.userId]
        : [];
  return { id, recipients, event: replayed.event };
}
