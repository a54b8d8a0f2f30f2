import type { schemas } from '@chatapp/api';
import { z } from 'zod';
import { DELETED_PREVIEW, legacyConversationList, legacyConversationPage } from '../conversation-list';
import { withLegacyRequiredTexts } from '../envelope';
import { legacyFlag, legacyIdList, legacyTitle, legacyUserId } from '../fields';
import { defineRoute } from '../route';

type Conversation = schemas.ConversationDto;
type Member = schemas.ConversationDto['members'][number];

/* ---- procedure outputs → legacy shapes ---- */

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
  | { kind: 'group'; input: { title: unknown; user_ids: unknown } }
  | { kind: 'direct'; input: { user_id: unknown; title: unknown } };

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
      if (request.kind === 'group') {
        const conversation = await withLegacyRequiredTexts(caller.conversations.createGroup(request.input), {
          user_ids: { message: 'No users selected', bare: true },
        });
        return { kind: 'group', conversation };
      }
      const opened = await withLegacyRequiredTexts(caller.conversations.openDirect(request.input), {
        user_id: { message: 'user_id is required', bare: true },
      });
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
