import type { Conversation, Message } from '../../trpc/types';
import { type AvatarPerson, displayName } from '../../ui/avatar';

/** The other person of a one-to-one chat (null for groups, or a chat whose partner left). */
export function partnerOf(conversation: Conversation) {
  return conversation.is_group ? null : (conversation.participants[0] ?? null);
}

/** A one-to-one chat is named after the other person; a group by its title. */
export function conversationName(conversation: Conversation): string {
  const partner = partnerOf(conversation);
  return partner ? displayName(partner) : conversation.title;
}

/** What a message is, in a word, where there is no room for it: list previews, reply hints, notifications. */
export function messageSummary(message: Message): string {
  if (message.status === 'delete') return 'Message deleted';
  if (message.type === 'image') return message.body ? `Photo: ${message.body}` : 'Photo';
  if (message.type === 'audio') return 'Voice message';
  return message.body;
}

/** The list's second line: "You: …" for our own, "Alice: …" in groups. */
export function previewLine(conversation: Conversation, viewerId: number): string {
  const last = conversation.last_message;
  if (!last) return conversation.is_group ? 'Group created' : 'No messages yet';
  const summary = messageSummary(last);
  if (last.status === 'delete') return summary;
  if (last.sender_id === viewerId) return `You: ${summary}`;
  if (conversation.is_group) return `${last.sender.first_name || last.sender.username}: ${summary}`;
  return summary;
}

/**
 * A group's size and who of the others is online: "4 members, 2 online", or "4 members" when nobody else is. The
 * viewer is not counted as online: the line says who else is there. One wording for the header and group info.
 */
export function groupMembersLine(conversation: Conversation, isOnline: (userId: number) => boolean): string {
  const count = conversation.members.length;
  const online = conversation.participants.filter((p) => isOnline(p.id)).length;
  return `${count} ${count === 1 ? 'member' : 'members'}${online > 0 ? `, ${online} online` : ''}`;
}

/** What a group's avatar draws: the first letters of its title's first two words ("Design review" → "DR"). */
export function groupAvatar(conversation: Conversation): AvatarPerson {
  const [first = conversation.title, second] = conversation.title.trim().split(/\s+/);
  return { id: conversation.id, username: conversation.title, first_name: first, last_name: second };
}
