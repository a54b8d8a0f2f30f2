import type { DomainDeps } from '../deps';
import type { RealtimeHub } from '../realtime/hub';
import { latestJournalId } from '../realtime/journal';
import type { CountedConversationRow } from './describe';

/** Users whose first pages are kept; the least recently listed are dropped first. */
const MAX_USERS = 10_000;

/**
 * The first page of each user's conversation list, as the page statement returned it (conversations, unread counts,
 * last messages), kept between requests. That statement is most of a list's database work; members and senders are
 * still read on every request, so a profile change shows at once.
 *
 * Every change to what the statement returns is a journaled event whose recipients include each user whose page it
 * changes (a message, an edit or delete, a read mark, a membership change), so a user's pages are dropped when an
 * event reaches them on this process. A cached page is served only when this process has seen every committed
 * event (the journal's newest id, read from the database on each hit): a change committed by another process, or
 * by this one but not yet delivered in order, makes the list read the database instead. A page computed while an
 * event for its user arrived is not kept.
 */
export class ConversationPageCache {
  private readonly pages = new Map<number, Map<number, readonly CountedConversationRow[]>>();
  /** Users with a page being read, and those of them whose events arrived meanwhile. */
  private readonly reading = new Map<number, number>();
  private readonly changedWhileReading = new Set<number>();
  /** Durable events arrive gapless and in id order: every one up to here has been seen. */
  private seenThrough: number;

  constructor(hub: RealtimeHub<unknown>) {
    this.seenThrough = hub.deliveredThrough();
    hub.observe((delivery) => {
      if (delivery.id === null) return;
      if (delivery.id > this.seenThrough + 1 || delivery.broadcast) {
        // An event was skipped (its publisher died and it could not be read back) or reaches everyone.
        this.forgetEveryone();
      } else {
        for (const userId of delivery.recipients) this.forget(userId);
      }
      this.seenThrough = Math.max(this.seenThrough, delivery.id);
    });
  }

  /** The user's first page of `limit` rows: kept, if still current, else read with `read` (and kept). */
  async firstPage(
    deps: DomainDeps,
    userId: number,
    limit: number,
    read: () => Promise<CountedConversationRow[]>,
  ): Promise<readonly CountedConversationRow[]> {
    const kept = this.pages.get(userId)?.get(limit);
    if (kept && (await latestJournalId(deps.db)) <= this.seenThrough) {
      // Most recently listed last: the map's order is the eviction order.
      const pages = this.pages.get(userId);
      if (pages) {
        this.pages.delete(userId);
        this.pages.set(userId, pages);
      }
      return kept;
    }
    this.reading.set(userId, (this.reading.get(userId) ?? 0) + 1);
    try {
      const rows = await read();
      // An event seen before the read committed before it, so the read reflects it; one that reached this user
      // while reading may not be reflected: then the page is not kept. Later ones drop it when they arrive.
      if (!this.changedWhileReading.has(userId)) this.keep(userId, limit, rows);
      return rows;
    } finally {
      const left = (this.reading.get(userId) ?? 1) - 1;
      if (left > 0) this.reading.set(userId, left);
      else {
        this.reading.delete(userId);
        this.changedWhileReading.delete(userId);
      }
    }
  }

  private keep(userId: number, limit: number, rows: readonly CountedConversationRow[]): void {
    let pages = this.pages.get(userId);
    if (!pages) {
      pages = new Map();
      this.pages.set(userId, pages);
      if (this.pages.size > MAX_USERS) {
        const oldest = this.pages.keys().next().value;
        if (oldest !== undefined) this.pages.delete(oldest);
      }
    }
    pages.set(limit, rows);
  }

  private forget(userId: number): void {
    this.pages.delete(userId);
    if (this.reading.has(userId)) this.changedWhileReading.add(userId);
  }

  private forgetEveryone(): void {
    this.pages.clear();
    for (const userId of this.reading.keys()) this.changedWhileReading.add(userId);
  }
}

const caches = new WeakMap<RealtimeHub<unknown>, ConversationPageCache>();

/** The page cache of this process's hub; null for read paths built without realtime (the bench's EXPLAIN). */
export function conversationPageCache(deps: DomainDeps): ConversationPageCache | null {
  if (!('realtime' in deps)) return null;
  const hub = deps.realtime.hub;
  let cache = caches.get(hub);
  if (!cache) {
    cache = new ConversationPageCache(hub);
    caches.set(hub, cache);
  }
  return cache;
}
