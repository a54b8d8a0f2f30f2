import type { schemas } from '@chatapp/api';
import { conversations } from '@chatapp/domain';
import type { LegacyCaller } from './caller';
import { type LegacyTimeFormat, legacyTime } from './timestamps';

// The legacy conversation list, as GET /getAllConversations/ and the socket's `get_all_conversations` (and its
// `conversation_update` pushes) answer it.

type Conversation = schemas.ConversationDto;
type Member = schemas.ConversationDto['members'][number];
type Message = schemas.MessageDto;

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
export async function legacyConversationPage(caller: LegacyCaller): Promise<Conversation[]> {
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
