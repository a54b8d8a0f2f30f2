import { z } from 'zod';
import { legacyRoutes } from '../legacy/routes';

/**
 * The legacy socket's frames as zod schemas (contract §4), in both directions. `frames.ts` builds its frames as
 * these types, so the code cannot drift from them; the AsyncAPI document (/asyncapi.json) is generated from them,
 * and its legacy part is a checked-in snapshot (docs/events.md: changing a legacy shape).
 */
const id = z.number().int().positive();
/** Legacy clients send ids as numbers or numeric strings. */
const looseId = z.union([id, z.string().regex(/^\d+$/)]);
const offsetTime = z
  .string()
  .describe('The socket\'s "+00:00" format, e.g. 2026-11-24T11:10:55.407835+00:00');

/** The data of a legacy REST route, so that the socket's lists are the very shapes of the HTTP routes. */
function routeData(path: string): z.ZodType {
  const route = legacyRoutes.find((candidate) => candidate.path === path);
  if (!route) throw new Error(`no legacy route ${path}`);
  return route.docs.data;
}

// Client → server

export const joinConversationFrame = z.object({
  type: z.literal('join_conversation'),
  conversation_id: looseId,
});
export const leaveConversationFrame = z.object({
  type: z.literal('leave_conversation'),
  conversation_id: looseId,
});
export const chatMessageCommand = z.object({
  type: z.literal('chat_message'),
  conversation_id: looseId,
  msg_type: z.string().optional().describe('"text" (default), "image" or "audio"; case-insensitive'),
  body: z.string().optional().describe('Text or caption (default "")'),
  media: z.string().optional().describe('For image and audio: a base64 data URL; text sends "" (none)'),
  client_message_id: z.string().optional().describe('Extension: makes a retried send idempotent'),
});
export const fetchAllUsersCommand = z.object({ type: z.literal('fetch_all_users') });
export const getAllConversationsCommand = z.object({ type: z.literal('get_all_conversations') });
export const typingCommand = z.object({ type: z.literal('typing'), conversation_id: looseId });
export const markDeliveredCommand = z.object({
  type: z.literal('mark_delivered'),
  conversation_id: looseId,
  message_id: looseId,
});
export const markReadCommand = z.object({
  type: z.literal('mark_read'),
  conversation_id: looseId,
  message_id: looseId,
});

// Server → client

export const chatMessageFrame = z.object({
  id,
  type: z.string().describe('The message type ("text", "image", "audio"), not a frame kind (contract §4.4a)'),
  body: z.string().describe('"" once deleted'),
  is_edited: z.boolean(),
  title: z.string().describe("The conversation's title"),
  status: z.enum(['active', 'delete']),
  media_url: z.string().nullable().describe('Relative media path, or null'),
  conversation_id: id.describe('Always a number (C20)'),
  sender_id: id,
  sender_username: z.string().describe('Addition (C21)'),
  sender_first_name: z.string(),
  sender_last_name: z.string(),
  sender_profile: z.string().nullable().describe('Relative path of the profile picture, or null'),
  created_at: offsetTime,
  updated_at: offsetTime,
  event: z
    .enum(['message_created', 'message_edited', 'message_deleted'])
    .describe('Addition (C19): what happened to the message'),
});
export type ChatMessageFrame = z.infer<typeof chatMessageFrame>;

export const typingFrame = z.object({
  type: z.literal('typing'),
  conversation_id: id,
  user_id: id,
  expires_at: offsetTime.describe('Until when the user counts as typing'),
});
export type TypingFrame = z.infer<typeof typingFrame>;

export const receiptFrame = z.object({
  type: z.literal('receipt'),
  receipt: z.enum(['delivered', 'read']),
  conversation_id: id,
  user_id: id.describe('Who received or read'),
  message_id: id.describe('Up to which message'),
});
export type ReceiptFrame = z.infer<typeof receiptFrame>;

export const connectedUsersFrame = z.object({
  type: z.literal('connected_users'),
  users: z.array(id).describe('Online users who share a conversation with you (S27)'),
});
export type ConnectedUsersFrame = z.infer<typeof connectedUsersFrame>;

export const userListFrame = z.object({
  type: z.literal('fetch_all_users'),
  data: routeData('/fetchAllUsers/'),
});
export const conversationListFrame = z.object({
  type: z.enum(['get_all_conversations', 'conversation_update']),
  data: routeData('/getAllConversations/'),
});
export const errorFrameSchema = z.object({
  error: z.string(),
  retry_after: z.number().int().optional().describe('After a rate limit: seconds to wait (an addition)'),
});
export type ErrorFrame = z.infer<typeof errorFrameSchema>;
