import { accounts, type conversations } from '@chatapp/domain';
import { z } from 'zod';
import { conversationId, messageId, messageSchema, toMessageDto } from './message';
import { isoTime, toIso } from './time';
import { userId, userSummarySchema, type Viewer } from './user';

export const conversationSchema = z
  .object({
    id: conversationId,
    title: z.string(),
    is_group: z.boolean(),
    created_by: userId.nullable(),
    created_at: isoTime,
    last_activity_at: isoTime.describe(
      'The newest message time, or the creation time; the list is sorted on it',
    ),
    members: z.array(userSummarySchema).describe('Every member, the caller included, in join order'),
    participants: z.array(userSummarySchema).describe('The other members, in join order'),
    last_message: messageSchema.nullable().describe('A deleted last message is listed with an empty body'),
    unread_count: z
      .number()
      .int()
      .nonnegative()
      .describe("Others' messages after your read mark, not deleted"),
    last_read_message_id: messageId.nullable(),
    muted: z
      .boolean()
      .describe(
        'You muted it (`conversations.setMuted`): your clients do not notify for it nor count it as unread',
      ),
  })
  .meta({ id: 'Conversation' });

export type ConversationDto = z.infer<typeof conversationSchema>;

/** `viewer` is the caller: `participants` leaves them out, and members' addresses are theirs alone. */
export function toConversationDto(
  conversation: conversations.ConversationView,
  viewer: Viewer,
  mediaBaseUrl?: string,
): ConversationDto {
  const viewerId = viewer.id;
  // In the schema's key order: list answers are not re-parsed by zod (checkedByTypes), so this is the wire order.
  const members = conversation.members.map((member) => ({
    id: member.id,
    username: member.username,
    first_name: member.first_name,
    last_name: member.last_name,
    profile: member.profile,
    email: accounts.visibleEmail(member, viewerId, viewer.seesOthersEmails),
  }));
  return {
    id: conversation.id,
    title: conversation.title,
    is_group: conversation.is_group,
    created_by: conversation.created_by,
    created_at: toIso(conversation.created_at),
    last_activity_at: toIso(conversation.last_activity_at),
    members,
    participants: members.filter((member) => member.id !== viewerId),
    last_message: conversation.last_message && toMessageDto(conversation.last_message, mediaBaseUrl),
    unread_count: conversation.unread_count,
    last_read_message_id: conversation.last_read_message_id,
    muted: conversation.muted,
  };
}
