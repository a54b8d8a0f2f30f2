import type { ChatClient } from '@chatapp/client';
import { endExpiredSession, isUnauthorized } from '../../auth/session-expiry';
import { ExternalStore } from '../../lib/external-store';
import type { Message } from '../../trpc/types';
import { UploadError, uploadMedia } from './upload';

/** A message the user sent that the server has not confirmed yet: shown at once, as "sending" or "failed". */
export interface PendingMessage {
  clientId: string;
  conversationId: number;
  type: 'text' | 'image';
  body: string;
  createdAt: string;
  state: 'sending' | 'failed';
  /** Why it failed, in the API's words when it gave one. */
  error?: string;
  /** An image: the picked file, a local preview, upload progress, and the stored upload once it is there. */
  file?: Blob;
  previewUrl?: string;
  progress?: number;
  mediaId?: number;
}

type Pending = ReadonlyMap<string, PendingMessage>;

function clientMessageId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Optimistic sending. Each message gets a client message id before it leaves; the server stores a message once
 * per id, so "retry" can never duplicate it. A pending message disappears when its stored copy arrives (the
 * send's answer or the live event, whichever comes first), so there is never a bubble twice.
 */
export class Outbox {
  readonly store = new ExternalStore<Pending>(new Map());

  constructor(
    private readonly api: ChatClient['api'],
    private readonly token: () => string | null,
    private readonly onSent: (message: Message) => void,
  ) {}

  sendText(conversationId: number, body: string): void {
    this.start({ conversationId, type: 'text', body });
  }

  sendImage(conversationId: number, file: Blob, caption = ''): void {
    this.start({ conversationId, type: 'image', body: caption, file, previewUrl: URL.createObjectURL(file) });
  }

  retry(clientId: string): void {
    const pending = this.store.get().get(clientId);
    if (pending?.state !== 'failed') return;
    this.update(clientId, { state: 'sending', error: undefined });
    void this.deliver(clientId);
  }

  discard(clientId: string): void {
    const pending = this.store.get().get(clientId);
    if (pending?.previewUrl) URL.revokeObjectURL(pending.previewUrl);
    const next = new Map(this.store.get());
    next.delete(clientId);
    this.store.set(next);
  }

  /** The stored message arrived (answer or event): its pending copy goes. */
  confirm(message: Message): void {
    if (message.client_message_id && this.store.get().has(message.client_message_id))
      this.discard(message.client_message_id);
  }

  private start(fields: Omit<PendingMessage, 'clientId' | 'createdAt' | 'state'>): void {
    const clientId = clientMessageId();
    const next = new Map(this.store.get());
    next.set(clientId, { ...fields, clientId, createdAt: new Date().toISOString(), state: 'sending' });
    this.store.set(next);
    void this.deliver(clientId);
  }

  private update(clientId: string, patch: Partial<PendingMessage>): void {
    const current = this.store.get().get(clientId);
    if (!current) return;
    const next = new Map(this.store.get());
    next.set(clientId, { ...current, ...patch });
    this.store.set(next);
  }

  private async deliver(clientId: string): Promise<void> {
    const pending = this.store.get().get(clientId);
    if (!pending) return;
    try {
      let mediaId = pending.mediaId;
      if (pending.file && mediaId === undefined) {
        const token = this.token();
        if (!token) throw new UploadError('Not signed in');
        const uploaded = await uploadMedia(pending.file, token, (progress) =>
          this.update(clientId, { progress }),
        );
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
    } catch (error) {
      // A revoked or expired token: the whole session ends (to sign-in, saying why), like any other refused call.
      if (isUnauthorized(error)) endExpiredSession();
      this.update(clientId, {
        state: 'failed',
        error: error instanceof Error ? error.message : 'Not sent',
      });
    }
  }
}
