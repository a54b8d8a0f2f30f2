import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { PendingMessage } from './outbox';

/** What is kept of a pending message across a reload: everything but its local preview URL and upload progress. */
export type StoredPending = Omit<PendingMessage, 'previewUrl' | 'progress' | 'state' | 'error'> & {
  state: 'waiting' | 'failed';
  error?: string;
};

/**
 * The outbox in IndexedDB, one entry per signed-in user: messages written offline survive a reload or a closed tab
 * and go out when the app is next open and online. Pictures are kept as Blobs (IndexedDB stores them as they are).
 * Where IndexedDB is unavailable (a private window may refuse it) the outbox still works, for this page's life.
 */
export class OutboxStorage {
  private readonly store: UseStore | null;
  private readonly key: string;

  constructor(viewerId: number) {
    this.key = `outbox:${viewerId}`;
    this.store = typeof indexedDB === 'undefined' ? null : createStore('chatapp', 'outbox');
  }

  async load(): Promise<StoredPending[]> {
    if (!this.store) return [];
    try {
      return (await get<StoredPending[]>(this.key, this.store)) ?? [];
    } catch {
      return [];
    }
  }

  async save(messages: readonly StoredPending[]): Promise<void> {
    if (!this.store) return;
    try {
      if (messages.length === 0) await del(this.key, this.store);
      else await set(this.key, messages, this.store);
    } catch {
      // Storage refused (quota, private mode): the messages stay in this page's outbox.
    }
  }
}
