import type { Conversation, UserSummary } from '../../trpc/types';

/**
 * The assistant's account (migration 0010) holds the reserved username "assistant" and no address: no one can sign
 * up with that name, and every person has an address. The list tells the assistant's chat apart by this before
 * `assistant.conversation` (which creates the chat on first call) has been asked; once it has, its
 * `assistant_user_id` decides.
 */
const ASSISTANT_USERNAME = 'assistant';

export function isAssistantAccount(person: UserSummary, assistantUserId: number | null): boolean {
  if (assistantUserId !== null) return person.id === assistantUserId;
  return person.username.toLowerCase() === ASSISTANT_USERNAME && person.email === '';
}

/** Whether a conversation is the viewer's assistant chat: one-to-one, with the assistant's account. */
export function isAssistantChat(conversation: Conversation, assistantUserId: number | null): boolean {
  const partner = conversation.is_group ? undefined : conversation.participants[0];
  return partner !== undefined && isAssistantAccount(partner, assistantUserId);
}
