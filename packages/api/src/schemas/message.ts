import type { messages } from '@chatapp/domain';
import { z } from 'zod';
import { mediaSchema, toMediaDto } from './media';
import { isoTime, toIso } from './time';
import { userId } from './user';

export const messageId = z.number().int().positive();
export const conversationId = z.number().int().positive();

export const messageSenderSchema = z
  .object({
    id: userId,
    username: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    profile: z.string().nullable(),
  })
  .meta({ id: 'MessageSender' });

export const messageSchema = z
  .object({
    id: messageId,
    conversation_id: conversationId,
    sender_id: userId,
    type: z.string().describe('"text", "image" or "audio"'),
    body: z.string().describe('Text or caption; always "" once deleted'),
    media_url: z
      .string()
      .nullable()
      .describe('Relative media path (`ImgMessages/…`), as legacy clients expect; always null once deleted'),
    media: mediaSchema
      .nullable()
      .describe('The attached image or audio, with absolute URLs; null for text and once deleted'),
    status: z.enum(['active', 'delete']).describe('"delete" once deleted for everyone'),
    is_edited: z.boolean(),
    client_message_id: z.string().nullable(),
    created_at: isoTime,
    updated_at: isoTime,
    deleted_at: isoTime.nullable(),
    sender: messageSenderSchema,
  })
  .meta({ id: 'Message' });

export type MessageDto = z.infer<typeof messageSchema>;

/** `mediaBaseUrl` (the request's `/media/` URL) makes the media URLs absolute. */
export function toMessageDto(message: messages.MessageView, mediaBaseUrl = '/media/'): MessageDto {
  return {
    id: message.id,
    conversation_id: message.conversation_id,
    sender_id: message.sender_id,
    type: message.type,
    body: message.body,
    media_url: message.media_url,
    media: message.media && toMediaDto(message.media, mediaBaseUrl),
    status: message.status,
    is_edited: message.is_edited,
    client_message_id: message.client_message_id,
    created_at: toIso(message.created_at),
    updated_at: toIso(message.updated_at),
    deleted_at: message.deleted_at === null ? null : toIso(message.deleted_at),
    sender: {
      id: message.sender.id,
      username: message.sender.username,
      first_name: message.sender.first_name,
      last_name: message.sender.last_name,
      profile: message.sender.profile,
    },
  };
}
