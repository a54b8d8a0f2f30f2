import type { ChatClient } from '@chatapp/client';
import { endExpiredSession, isUnauthorized } from '../../auth/session-expiry';
import { ExternalStore } from '../../lib/external-store';
import { isUnreachable as isUnreachableCall } from '../../trpc/failures';
import type { Message } from '../../trpc/types';
import type { OutboxStorage, StoredPending } from './outbox-storage';
import { UploadError, uploadMedia } from './upload';

/**
 * A message the user sent that the server has not confirmed yet, shown at once: "waiting" while the server cannot
 * be reached, "sending", or "failed" (refused by the server, with its reason).
 */
export interface PendingMessage {
  clientId: string;
  conversationId: number;
  type: 'text' | 'image' | 'audio';
  body: string;
  createdAt: string;
  state: 'waiting' | 'sending' | 'failed';
  /** Why it failed, in the API's words when it gave one. */
  error?: string;
  /** A picture or recording: the file, a local preview URL, upload progress, and the stored upload once it is there. */
  file?: Blob;
  previewUrl?: string;
  progress?: number;
  mediaId?: number;
}

type Pending = ReadonlyMap<string, PendingMessage>;

/** While the server cannot be reached, the outbox tries again this often (and at once when the browser is online). */
const RETRY_MS = 5_000;

function clientMessageId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** An upload that got no answer (offline, server down): like a call that got none, worth trying again. */
class Unreachable extends Error {}

function isUnreachable(error: unknown): boolean {
  return error instanceof Unreachable || isUnreachableCall(error);
}

/**
 * Optimistic, offline-proof sending. Each message gets a client message id before it leaves; the server stores a
 * message once per id, so trying again can never duplicate it. Messages go out one at a time, in the order they
 * were written. While the server cannot be reached they wait (kept in IndexedDB, so a reload or a closed tab loses
 * nothing) and go out when it can be. A pending message disappears when its stored copy arrives (the send's answer
 * or the live event, whichever comes first), so there is never a bubble twice.
 */
export class Outbox {
  readonly store = new ExternalStore<Pending>(new Map());
  private running = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private savedSignature = '';
  private readonly onOnline = () => this.wake();

  constructor(
    private readonly api: ChatClient['api'],
    private readonly token: () => string | null,
    private readonly onSent: (message: Message) => void,
    private readonly storage: OutboxStorage,
  ) {}

  /** Takes back what a previous page left unsent, then sends it; listens for the browser coming back online. */
  async start(): Promise<void> {
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    const kept = await this.storage.load();
    if (kept.length > 0) {
      const next = new Map(this.store.get());
      for (const stored of kept) {
        if (next.has(stored.clientId)) continue;
        next.set(stored.clientId, {
          ...stored,
          ...(stored.file ? { previewUrl: URL.createObjectURL(stored.file) } : {}),
        });
      }
      this.store.set(next);
    }
    this.wake();
  }

  close(): void {
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
  }

  sendText(conversationId: number, body: string): void {
    this.add({ conversationId, type: 'text', body });
  }

  sendFile(conversationId: number, type: 'image' | 'audio', file: Blob, caption = ''): void {
    this.add({ conversationId, type, body: caption, file, previewUrl: URL.createObjectURL(file) });
  }

  retry(clientId: string): void {
    if (this.store.get().get(clientId)?.state !== 'failed') return;
    this.update(clientId, { state: 'waiting', error: undefined });
    this.wake();
  }

  discard(clientId: string): void {
    const pending = this.store.get().get(clientId);
    if (!pending) return;
    if (pending.previewUrl) URL.revokeObjectURL(pending.previewUrl);
    const next = new Map(this.store.get());
    next.delete(clientId);
    this.commit(next);
  }

  /** The stored message arrived (answer or event): its pending copy goes. */
  confirm(message: Message): void {
    if (message.client_message_id && this.store.get().has(message.client_message_id))
      this.discard(message.client_message_id);
  }

  private add(fields: Omit<PendingMessage, 'clientId' | 'createdAt' | 'state'>): void {
    const clientId = clientMessageId();
    const next = new Map(this.store.get());
    next.set(clientId, { ...fields, clientId, createdAt: new Date().toISOString(), state: 'waiting' });
    this.commit(next);
    this.wake();
  }

  private update(clientId: string, patch: Partial<PendingMessage>): void {
    const current = this.store.get().get(clientId);
    if (!current) return;
    const next = new Map(this.store.get());
    next.set(clientId, { ...current, ...patch });
    this.commit(next);
  }

  /** Sends every waiting message, oldest first, one at a time; stops at the first the server cannot be reached for. */
  private wake(): void {
    clearTimeout(this.retryTimer);
    if (this.running) return;
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const next = [...this.store.get().values()]
        .filter((p) => p.state === 'waiting')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
      if (!next) return;
      this.update(next.clientId, { state: 'sending' });
      const outcome = await this.deliver(next.clientId);
      if (outcome === 'unreachable') {
        this.update(next.clientId, { state: 'waiting' });
        this.retryTimer = setTimeout(() => this.wake(), RETRY_MS);
        return;
      }
    }
  }

  private async deliver(clientId: string): Promise<'done' | 'unreachable'> {
    const pending = this.store.get().get(clientId);
    if (!pending) return 'done';
    try {
      let mediaId = pending.mediaId;
      if (pending.file && mediaId === undefined) {
        const token = this.token();
        if (!token) throw new UploadError('Not signed in');
        const uploaded = await uploadMedia(pending.file, token, (progress) =>
          this.update(clientId, { progress }),
        ).catch((error: unknown) => {
          throw error instanceof UploadError && error.unreachable ? new Unreachable(error.message) : error;
        });
        mediaId = uploaded.id;
        this.update(clientId, { mediaId, progress: 1 });
      }
      const sent = await this.api.messages.send.mutate({
        conversation_id: pending.conversationId,
        type: pending.type,
        body: pending.body,
        client_message_id: clientId,
        ...(mediaId !== undefined ? { media_id: mediaId } : {}),
      });
      this.onSent(sent.message);
      this.confirm(sent.message);
      return 'done';
    } catch (error) {
      if (isUnreachable(error)) return 'unreachable';
      // A revoked or expired token: the whole session ends (to sign-in, saying why), like any other refused call.
      if (isUnauthorized(error)) endExpiredSession();
      this.update(clientId, { state: 'failed', error: error instanceof Error ? error.message : 'Not sent' });
      return 'done';
    }
  }

  /** Sets the outbox and keeps it in storage when what would be stored changed (not on upload progress). */
  private commit(next: Pending): void {
    this.store.set(next);
    const kept: StoredPending[] = [...next.values()].map(
      ({ previewUrl: _preview, progress: _progress, state, ...rest }) => ({
        ...rest,
        // A message being sent when the page goes is sent again by the next page (its id makes that harmless).
        state: state === 'failed' ? 'failed' : 'waiting',
      }),
    );
    const signature = JSON.stringify(kept.map((p) => [p.clientId, p.state, p.mediaId ?? null]));
    if (signature === this.savedSignature) return;
    this.savedSignature = signature;
    void this.storage.save(kept);
  }
}
