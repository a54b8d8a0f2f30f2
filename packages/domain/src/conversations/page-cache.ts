import { type Database, readSequences } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { RealtimeHub } from '../realtime/hub';
import type { ConversationPage } from './types';

/**
 * Users whose first pages are kept; the least recently listed are dropped first. A page of 24 conversations with
 * their members and last messages takes ~26 KB of heap (measured on the bench's data set), so at most ~100 MB.
 */
const MAX_USERS = 4_000;

/** The journal's newest event id and the `profiles` step: a kept page is current while neither has moved on. */
const CHANGE_MARKS = ['events', 'profiles'] as const;

/** A kept page and the `profiles` step it was read under. */
interface KeptPage {
  page: ConversationPage;
  profiles: number;
}

/**
 * The first page of each user's conversation list, complete (conversations, unread counts, last messages, members
 * with their profiles), kept between requests: reading it is nearly all of a list's database work.
 *
 * Every change to a page's conversations is a journaled event whose recipients include each user whose page it
 * changes (a message, an edit or delete, a read mark, a membership change), so a user's pages are dropped when an
 * event reaches them on this process. A cached page is served only when this process has seen every committed
 * event (the journal's newest id, read from the database on each hit): a change committed by another process, or
 * by this one but not yet delivered in order, makes the list read the database instead. A page computed while an
 * event for its user arrived is not kept. Profile changes are not events: each steps the `profiles` sequence
 * (migration 0006), read in the same statement, and a page read under an earlier step is read again.
 * One per process (the runtime's `conversationPages`), watching its hub from the runtime's start.
 */
export class ConversationPageCache {
  private readonly pages = new Map<number, Map<number, KeptPage>>();
  /** Users with a page being read, and those of them whose events arrived meanwhile. */
  private readonly reading = new Map<number, number>();
  private readonly changedWhileReading = new Set<number>();
  /** Durable events arrive gapless and in id order: every one up to here has been seen. */
  private seenThrough = 0;
  /** Pages are kept only while the hub is watched (from the runtime's start to its close). */
  private watching = false;

  /** Starts dropping pages as events reach their users; returns how to stop. */
  watch(hub: RealtimeHub<unknown>): () => void {
    this.seenThrough = hub.deliveredThrough();
    this.watching = true;
    const stop = hub.observe((delivery) => {
      if (delivery.id === null) return;
      if (delivery.id > this.seenThrough + 1) {
        // An event was skipped (its publisher died and it could not be read back).
        this.forgetEveryone();
      } else {
        for (const userId of delivery.recipients) this.forget(userId);
      }
      this.seenThrough = Math.max(this.seenThrough, delivery.id);
    });
    return () => {
      stop();
      this.watching = false;
      this.pages.clear();
    };
  }

  /** The user's first page of `limit` conversations: kept, if still current, else read with `read` (and kept). */
  async firstPage(
    db: Kysely<Database>,
    userId: number,
    limit: number,
    read: () => Promise<ConversationPage>,
  ): Promise<ConversationPage> {
    if (!this.watching) return read();
    // Read before the page, so that a change committed meanwhile makes the kept page older than what it reflects.
    const marks = await readSequences(db, CHANGE_MARKS);
    const kept = this.pages.get(userId)?.get(limit);
    if (kept && marks.events <= this.seenThrough && kept.profiles === marks.profiles) {
      // Most recently listed last: the map's order is the eviction order.
      const pages = this.pages.get(userId);
      if (pages) {
        this.pages.delete(userId);
        this.pages.set(userId, pages);
      }
      return kept.page;
    }
    this.reading.set(userId, (this.reading.get(userId) ?? 0) + 1);
    try {
      const page = await read();
      // An event seen before the read committed before it, so the read reflects it; one that reached this user
      // while reading may not be reflected: then the page is not kept. Later ones drop it when they arrive.
      if (!this.changedWhileReading.has(userId)) this.keep(userId, limit, { page, profiles: marks.profiles });
      return page;
    } finally {
      const left = (this.reading.get(userId) ?? 1) - 1;
      if (left > 0) this.reading.set(userId, left);
      else {
        this.reading.delete(userId);
        this.changedWhileReading.delete(userId);
      }
    }
  }

  private keep(userId: number, limit: number, kept: KeptPage): void {
    let pages = this.pages.get(userId);
    if (!pages) {
      pages = new Map();
      this.pages.set(userId, pages);
      if (this.pages.size > MAX_USERS) {
        const oldest = this.pages.keys().next().value;
        if (oldest !== undefined) this.pages.delete(oldest);
      }
    }
    pages.set(limit, kept);
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
