import type { events } from '@chatapp/domain';
import { z } from 'zod';
import { conversationId, messageId, messageSchema, toMessageDto } from './message';
import { isoTime, toIso } from './time';
import { userId } from './user';

/** The typed events of `events.stream`, one object per change, discriminated by `type`. */
export const streamEventSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.enum(['message.created', 'message.edited', 'message.deleted']),
      message: messageSchema,
      conversation_title: z.string(),
    }),
    z.object({
      type: z.literal('conversation.changed'),
      conversation_id: conversationId,
      member_ids: z.array(userId),
    }),
    z.object({
      type: z.literal('presence'),
      user_id: userId,
      online: z.boolean(),
      last_seen_at: isoTime
        .nullable()
        .optional()
        .describe("With a flip to offline: the time now stored as the user's last seen"),
    }),
    z.object({
      type: z.literal('typing'),
      conversation_id: conversationId,
      user_id: userId,
      expires_at: isoTime,
    }),
    z.object({
      type: z.literal('receipt'),
      receipt: z.enum(['delivered', 'read']),
      conversation_id: conversationId,
      user_id: userId,
      message_id: messageId,
    }),
    z.object({
      type: z.literal('resync'),
      reason: z
        .enum(['retention', 'unknown'])
        .describe(
          'Why the missed events cannot be replayed: older than the journal keeps, or an id this server never issued',
        ),
    }),
  ])
  .meta({ id: 'StreamEvent' });

export type StreamEvent = z.infer<typeof streamEventSchema>;

/**
 * Sent instead of a replay the journal cannot give: the client reloads its state, then follows the live events
 * after it. Never a hub event, so toStreamEvent does not make it.
 */
export type ResyncEvent = Extract<StreamEvent, { type: 'resync' }>;

export function toStreamEvent(
  event: events.RealtimeEvent,
  mediaBaseUrl?: string,
): Exclude<StreamEvent, ResyncEvent> {
  switch (event.type) {
    case 'message.created':
    case 'message.edited':
    case 'message.deleted':
      return {
        type: event.type,
        message: toMessageDto(event.message, mediaBaseUrl),
        conversation_title: event.conversationTitle,
      };
    case 'conversation.changed':
      return { type: event.type, conversation_id: event.conversationId, member_ids: event.memberIds };
    case 'presence':
      return event.lastSeenAt === undefined
        ? { type: event.type, user_id: event.userId, online: event.online }
        : {
            type: event.type,
            user_id: event.userId,
            online: event.online,
            last_seen_at: toIso(event.lastSeenAt),
          };
    case 'typing':
      return {
        type: event.type,
        conversation_id: event.conversationId,
        user_id: event.userId,
        expires_at: toIso(event.expiresAt),
      };
    case 'receipt':
      return {
        type: event.type,
        receipt: event.receipt,
        conversation_id: event.conversationId,
        user_id: event.userId,
        message_id: event.messageId,
      };
  }
}
