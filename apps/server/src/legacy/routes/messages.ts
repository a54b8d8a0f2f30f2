import type { schemas } from '@chatapp/api';
import { z } from 'zod';
import { withLegacyRequiredTexts } from '../envelope';
import { legacyId, legacyType, mediaField, optional, text } from '../fields';
import { defineRoute } from '../route';
import { legacyTime } from '../timestamps';

type Message = schemas.MessageDto;

/** A message as getConversationMessages listed it: flat sender fields, "Z" times. */
function listedMessageView(message: Message) {
  return {
    id: message.id,
    type: message.type,
    body: message.body,
    media_url: message.media_url,
    status: message.status,
    is_edited: message.is_edited,
    created_at: legacyTime(message.created_at, 'z'),
    updated_at: legacyTime(message.updated_at, 'z'),
    conversation_id: message.conversation_id,
    sender_id: message.sender_id,
    // From the sender's account, whoever sent it (the legacy view blanked senders missing from the id list: C45).
    sender_first_name: message.sender.first_name,
    sender_last_name: message.sender.last_name,
    sender_username: message.sender.username,
    sender_profile: message.sender.profile,
  };
}

const zTime = z.string().describe('e.g. 2026-11-24T11:09:49.061000Z');
const offsetTime = z.string().describe('e.g. 2026-11-24T11:09:49.087000+00:00');

const listedMessage = z.object({
  id: z.number().int(),
  type: z.string(),
  body: z.string().describe('"" once deleted'),
  media_url: z.string().nullable().describe('null once deleted'),
  status: z.enum(['active', 'delete']),
  is_edited: z.boolean(),
  created_at: zTime,
  updated_at: zTime,
  conversation_id: z.number().int(),
  sender_id: z.number().int(),
  sender_first_name: z.string(),
  sender_last_name: z.string(),
  sender_username: z.string(),
  sender_profile: z.string().nullable(),
});

const conversationIdRequest = z.object({ conversation_id: z.union([z.number(), z.string()]) });
const messageIdRequest = z.object({ message_id: z.union([z.number(), z.string()]) });

export const messageRoutes = [
  defineRoute({
    method: 'POST',
    path: '/sendMessage/',
    auth: true,
    tag: 'Legacy: Messages',
    summary:
      'Send a text, image or audio message to a conversation you are a member of. 201; with a repeated `client_message_id`, 200 and the first message.',
    errors: 'error',
    // `status` of the legacy body is not read: it is always "active" (C12). `media` counted only for image and
    // audio messages in the legacy view; it is passed on for those alone.
    toInput: (body) => ({
      conversation_id: legacyId(body.conversation_id),
      type: legacyType(body.type),
      body: text(body, 'body'),
      ...mediaField(legacyType(body.type), body.media),
      client_message_id: optional(body, 'client_message_id'),
    }),
    call: (caller, input) =>
      withLegacyRequiredTexts(caller.messages.send(input), {
        conversation_id: { message: 'conversation_id is required' },
      }),
    status: (sent) => (sent.created ? 201 : 200),
    message: 'Message sent successfully',
    toData: ({ message }) => ({
      id: message.id,
      type: message.type,
      body: message.body,
      media_url: message.media_url,
      sender_id: message.sender_id,
      conversation_id: message.conversation_id,
      created_at: legacyTime(message.created_at, 'z'),
    }),
    docs: {
      request: z.object({
        conversation_id: z.union([z.number(), z.string()]),
        type: z.string().optional().describe('"text" (default), "image" or "audio"'),
        body: z.string().describe('The text, or the caption of an image or audio (may be empty)'),
        media: z
          .string()
          .optional()
          .describe(
            "For image and audio: base64 or a data URL. The content decides the format; the answer's `media_url` is its relative path",
          ),
        client_message_id: z.string().optional().describe('Makes retries idempotent'),
      }),
      data: z.object({
        id: z.number().int(),
        type: z.string(),
        body: z.string(),
        media_url: z.string().nullable(),
        sender_id: z.number().int(),
        conversation_id: z.number().int(),
        created_at: zTime,
      }),
    },
  }),

  defineRoute({
    method: 'POST',
    path: '/getConversationMessages/',
    auth: true,
    tag: 'Legacy: Messages',
    summary:
      'The messages of a conversation you are a member of, oldest first (the newest 1000 at most). Deleted ones are listed with status "delete" and no content.',
    errors: 'error',
    toInput: (body) => ({ conversation_id: legacyId(body.conversation_id) }),
    call: (caller, input) =>
      withLegacyRequiredTexts(caller.messages.listRecent(input), {
        conversation_id: { message: 'conversation_id is required' },
      }),
    status: 200,
    message: 'Messages fetched successfully',
    toData: (list) => list.map(listedMessageView),
    docs: { request: conversationIdRequest, data: z.array(listedMessage) },
  }),

  defineRoute({
    method: 'PUT',
    path: '/updateMessage/',
    auth: true,
    tag: 'Legacy: Messages',
    summary: 'Edit your own text message (not a deleted one); the previous version is kept.',
    errors: 'message',
    parseErrors: 'drf',
    toInput: (body) => ({
      message_id: legacyId(body.message_id),
      body: body.message_body === null ? undefined : body.message_body,
    }),
    call: (caller, input) =>
      withLegacyRequiredTexts(caller.messages.edit(input), {
        message_id: { message: 'message_id and message_body are required.' },
        body: { message: 'message_id and message_body are required.' },
      }),
    status: 200,
    message: 'Message updated successfully',
    toData: (message) => ({
      id: message.id,
      body: message.body,
      status: message.status,
      is_edited: message.is_edited,
      updated_at: legacyTime(message.updated_at, 'offset'),
    }),
    docs: {
      request: z.object({ message_id: z.union([z.number(), z.string()]), message_body: z.string() }),
      data: z.object({
        id: z.number().int(),
        body: z.string(),
        status: z.string(),
        is_edited: z.boolean(),
        updated_at: offsetTime,
      }),
    },
  }),

  defineRoute({
    method: 'POST',
    path: '/deleteMessage/',
    auth: true,
    tag: 'Legacy: Messages',
    summary: 'Delete your own message for everyone. The answer shows the new status "delete" and no content.',
    errors: 'error',
    toInput: (body) => ({ message_id: legacyId(body.message_id) }),
    call: (caller, input) =>
      withLegacyRequiredTexts(caller.messages.delete(input), {
        message_id: { message: 'message_id is required' },
      }),
    status: 200,
    message: 'Message deleted successfully',
    toData: (message) => ({
      id: message.id,
      type: message.type,
      body: message.body,
      status: message.status,
      media_url: message.media_url,
      sender_id: message.sender_id,
    }),
    docs: {
      request: messageIdRequest,
      data: z.object({
        id: z.number().int(),
        type: z.string(),
        body: z.string(),
        status: z.literal('delete'),
        media_url: z.null(),
        sender_id: z.number().int(),
      }),
    },
  }),
];
