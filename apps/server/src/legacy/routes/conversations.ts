import type { AppCaller, schemas } from '@chatapp/api';
import { conversations } from '@chatapp/domain';
import { z } from 'zod';
import { withLegacyRequiredTexts } from '../envelope';
import { defineRoute } from '../route';
import { type LegacyTimeFormat, legacyTime } from '../timestamps';

type Conversation = schemas.ConversationDto;
type Member = schemas.ConversationDto['members'][number];
type Message = schemas.MessageDto;

/* ---- loose legacy inputs → procedure inputs (types only; every rule is the procedure's) ---- */

/** Python truthiness: the legacy views treated all of these as "not given". */
function isFalsy(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === 0 ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** An id field: a number or a numeric string (the procedure accepts both); falsy means missing. */
export function legacyId(value: unknown): unknown {
  if (isFalsy(value)) return undefined;
  return typeof value === 'string' ? value.trim() : value;
}

/**
 * `"2,3,"`, `"2, 3"` or `[2, 3]` as a list, empties (the trailing comma) dropped. Non-numbers are left for the
 * procedure to refuse.
 */
function legacyIdList(value: unknown): unknown[] | undefined {
  if (isFalsy(value)) return undefined;
  const items: unknown[] =
    typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== '');
}

/**
 * The 1:1 `user_id`: a number, `"2"` or `"2,"` (outer commas were stripped). Several ids (`"3,4"`) are passed on as
 * a list, which the procedure refuses: a one-to-one chat has one other user (C4).
 */
function legacyUserId(value: unknown): unknown {
  const ids = legacyIdList(value);
  if (ids === undefined || ids.length === 0) return undefined;
  return ids.length === 1 ? ids[0] : ids;
}

/**
 * `is_group`: the legacy view tested truthiness, so a form field "false" made a group (C5). Here the strings
 * "false", "0", "no" and "off" (any case) mean false, like the JSON values false and 0.
 */
function legacyFlag(value: unknown): boolean {
  if (typeof value === 'string') return !['', 'false', '0', 'no', 'off'].includes(value.trim().toLowerCase());
  return !isFalsy(value);
}

/** `title`: a string, or absent. */
function legacyTitle(value: unknown): unknown {
  return value === undefined || value === null ? undefined : value;
}

/* ---- procedure outputs → legacy shapes ---- */

/** The legacy list preview: a deleted message previews as deleted, never its old body (C9). */
export const DELETED_PREVIEW = 'This message was deleted';

function previewOf(message: Message | null): string | null {
  if (!message) return null;
  if (message.status === 'delete') return DELETED_PREVIEW;
  if (message.type === 'audio') return 'audio..';
  if (message.type === 'image') return 'image..';
  return message.type === 'text' ? message.body : null;
}

function participantView(member: Member) {
  return {
    user_id: member.id,
    username: member.username,
    profile: member.profile,
    first_name: member.first_name,
    last_name: member.last_name,
    email: member.email,
  };
}

/**
 * The legacy list has no paging: the most recently active conversations, up to the procedure's page maximum.
 * Shared by GET /getAllConversations/ and the socket's `get_all_conversations`.
 */
export async function legacyConversationPage(caller: AppCaller): Promise<Conversation[]> {
  return (await caller.conversations.list({ limit: conversations.CONVERSATION_LIMITS.pageMax }))
    .conversations;
}

/** HTTP lists use DRF's "Z" times; the legacy socket's `get_all_conversations` used "+00:00" (contract §4.3). */
export function legacyConversationList(list: Conversation[], format: LegacyTimeFormat) {
  return list.map((conversation) => conversationView(conversation, format));
}

function conversationView(conversation: Conversation, format: LegacyTimeFormat = 'z') {
  const lastMessage = conversation.last_message;
  return {
    // Rebuilt from the members in join order, in the legacy "1,2," format.
    conversation_user_ids: conversation.members.map((member) => `${member.id},`).join(''),
    conversation_id: conversation.id,
    is_group: conversation.is_group,
    title: conversation.title,
    latest_message_id: lastMessage?.id ?? null,
    latest_message_body: previewOf(lastMessage),
    latest_message_time: lastMessage ? legacyTime(lastMessage.created_at, format) : null,
    // Additions the legacy client tolerates: it already falls back to `created_at` when sorting empty chats.
    created_at: legacyTime(conversation.created_at, format),
    unread_count: conversation.unread_count,
    participants: conversation.participants.map(participantView),
  };
}

/** getConversation's user objects: `profile` null when empty (contract §3.7). */
function userView(member: Member) {
  return {
    user_id: member.id,
    username: member.username,
    email: member.email,
    first_name: member.first_name,
    last_name: member.last_name,
    profile: member.profile || null,
  };
}

/* ---- /getConversation/ ---- */

type OpenRequest =
  | { kind: 'group'; input: { title?: unknown; user_ids?: unknown } }
  | { kind: 'direct'; input: { user_id?: unknown; title?: unknown } };

type OpenResult =
  | { kind: 'group'; conversation: Conversation }
  | { kind: 'direct'; created: boolean; conversation: Conversation };

const participantData = z.object({
  user_id: z.number().int(),
  username: z.string(),
  profile: z.string().nullable(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
});

const conversationData = z.object({
  conversation_user_ids: z.string().describe('Member ids in join order with a trailing comma, e.g. "1,2,"'),
  conversation_id: z.number().int(),
  is_group: z.boolean(),
  title: z.string(),
  latest_message_id: z.number().int().nullable(),
  latest_message_body: z
    .string()
    .nullable()
    .describe(`The text, "image..", "audio..", or "${DELETED_PREVIEW}"; null without messages`),
  latest_message_time: z.string().nullable().describe('e.g. 2026-11-24T11:09:49.074000Z'),
  created_at: z.string(),
  unread_count: z.number().int(),
  participants: z.array(participantData).describe('The other members'),
});

export const conversationRoutes = [
  defineRoute({
    method: 'POST',
    path: '/getConversation/',
    auth: true,
    tag: 'Legacy: Conversations',
    summary:
      'Get or create a 1:1 chat (`user_id`; 201 created, 200 existing) or create a group (`is_group`, `user_ids` "2,3,"; 201).',
    errors: 'error',
    toInput: (body): OpenRequest =>
      legacyFlag(body.is_group)
        ? { kind: 'group', input: { title: legacyTitle(body.title), user_ids: legacyIdList(body.user_ids) } }
        : { kind: 'direct', input: { user_id: legacyUserId(body.user_id), title: legacyTitle(body.title) } },
    call: async (caller, request): Promise<OpenResult> => {
      // The inputs are loose on purpose: the procedure's schema is what validates them.
      if (request.kind === 'group') {
        const conversation = await withLegacyRequiredTexts(
          caller.conversations.createGroup(
            request.input as Parameters<typeof caller.conversations.createGroup>[0],
          ),
          { user_ids: { message: 'No users selected', bare: true } },
        );
        return { kind: 'group', conversation };
      }
      const opened = await withLegacyRequiredTexts(
        caller.conversations.openDirect(
          request.input as Parameters<typeof caller.conversations.openDirect>[0],
        ),
        { user_id: { message: 'user_id is required', bare: true } },
      );
      return { kind: 'direct', ...opened };
    },
    status: (result) => (result.kind === 'direct' && !result.created ? 200 : 201),
    message: (result) =>
      result.kind === 'group'
        ? 'Group created'
        : result.created
          ? 'New conversation created'
          : 'Conversation already exists',
    toData: (result) => {
      const { conversation } = result;
      if (result.kind === 'group') {
        return {
          conversation_id: conversation.id,
          title: conversation.title,
          is_group: true,
          // Ordered by id, as the legacy query returned them; the caller included.
          users: [...conversation.members].sort((a, b) => a.id - b.id).map(userView),
        };
      }
      const other = conversation.participants[0];
      // The stored title, in both answers (the legacy one echoed the request's, and the 201 had none: C3).
      return {
        conversation_id: conversation.id,
        ...(other ? userView(other) : {}),
        title: conversation.title,
      };
    },
    docs: {
      request: z.object({
        user_id: z
          .union([z.number(), z.string()])
          .optional()
          .describe('1:1: the other user (a number or a string)'),
        is_group: z
          .union([z.boolean(), z.string()])
          .optional()
          .describe('"false" (a string) also means false'),
        user_ids: z.string().optional().describe('Group: comma-separated ids, e.g. "2,3,"'),
        title: z.string().optional(),
      }),
      data: z.union([
        z.object({
          conversation_id: z.number().int(),
          user_id: z.number().int(),
          username: z.string(),
          email: z.string(),
          profile: z.string().nullable(),
          first_name: z.string(),
          last_name: z.string(),
          title: z.string(),
        }),
        z.object({
          conversation_id: z.number().int(),
          title: z.string(),
          is_group: z.literal(true),
          users: z.array(participantData),
        }),
      ]),
    },
  }),

  defineRoute({
    method: 'GET',
    path: '/getAllConversations/',
    auth: true,
    tag: 'Legacy: Conversations',
    summary: 'Your conversations (only those you are a member of), newest activity first.',
    errors: 'error',
    toInput: () => undefined,
    call: legacyConversationPage,
    status: 200,
    message: 'Conversations fetched',
    toData: (list) => legacyConversationList(list, 'z'),
    docs: { data: z.array(conversationData) },
  }),
];
