import { schemas } from '@chatapp/api';
import type { events } from '@chatapp/domain';
import { legacyFailure } from '../legacy/envelope';
import { legacyTime } from '../legacy/timestamps';
import type { ChatMessageFrame, ErrorFrame, ReceiptFrame, TypingFrame } from './frame-schemas';

/**
 * Server→client frames of the legacy socket (contract §4.4). A chat message is the bare message object whose
 * `type` is the message type; we add `sender_username` (C21) and an `event` discriminator (C19), which the
 * legacy client ignores, and `conversation_id` is always a number (C20). Typed by the documented schemas
 * (frame-schemas.ts), so the code and /asyncapi.json cannot disagree.
 */
export function legacyMessageFrame(
  snapshot: events.MessageSnapshot,
  event: ChatMessageFrame['event'],
): ChatMessageFrame {
  const m = snapshot.message;
  return {
    id: m.id,
    type: m.type,
    body: m.body,
    is_edited: m.is_edited,
    title: snapshot.conversationTitle,
    status: m.status,
    media_url: m.media_url,
    conversation_id: m.conversation_id,
    sender_id: m.sender_id,
    sender_username: m.sender.username,
    sender_first_name: m.sender.first_name,
    sender_last_name: m.sender.last_name,
    sender_profile: m.sender.profile || null,
    created_at: legacyTime(schemas.toIso(m.created_at), 'offset'),
    updated_at: legacyTime(schemas.toIso(m.updated_at), 'offset'),
    event,
  };
}

/** The frame for an event, serialized once per broadcast; null when the legacy socket shows nothing for it. */
export function eventFrame(event: events.RealtimeEvent): string | null {
  switch (event.type) {
    case 'message.created':
      return JSON.stringify(legacyMessageFrame(event, 'message_created'));
    case 'message.edited':
      return JSON.stringify(legacyMessageFrame(event, 'message_edited'));
    case 'message.deleted':
      return JSON.stringify(legacyMessageFrame(event, 'message_deleted'));
    case 'typing':
      return JSON.stringify({
        type: 'typing',
        conversation_id: event.conversationId,
        user_id: event.userId,
        expires_at: legacyTime(schemas.toIso(event.expiresAt), 'offset'),
      } satisfies TypingFrame);
    case 'receipt':
      return JSON.stringify({
        type: 'receipt',
        receipt: event.receipt,
        conversation_id: event.conversationId,
        user_id: event.userId,
        message_id: event.messageId,
      } satisfies ReceiptFrame);
    default:
      return null;
  }
}

/** `{"error": "…"}`: the socket stays open. A rate limit adds `retry_after` (seconds; legacy clients ignore it). */
export function errorFrame(error: unknown): ErrorFrame {
  if (typeof error === 'string') return { error };
  const { body, retryAfter } = legacyFailure(error, 'error');
  const failure = body as { error?: string; message?: string };
  return {
    error: failure.error ?? failure.message ?? 'Error',
    ...(retryAfter === undefined ? {} : { retry_after: retryAfter }),
  };
}
