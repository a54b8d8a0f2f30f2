import { getUser } from '../accounts/users';
import { openDirect } from '../conversations/direct';
import type { DomainDeps } from '../deps';
import { notFound } from '../errors';
import { sendMessage } from '../messages/send';
import { greetingFor } from './greeting';

/** A user's assistant chat. */
export interface AssistantConversation {
  conversationId: number;
  /** The assistant account, the chat's other member: it sends the replies. */
  assistantId: number;
  /** True for the call that created it (the legacy 201). */
  created: boolean;
}

export const ASSISTANT_CONVERSATION_NOT_FOUND = 'Assistant conversation not found';
const TITLE = 'Assistant';

/**
 * Gets or creates the user's one assistant chat: the one-to-one conversation between them and the assistant's
 * account. One per user even under concurrent first calls, by the unique key of one-to-one chats, not a check then
 * an insert (R2). Its members are the user and the assistant, so only its owner reads or writes it, through these
 * routes or the ordinary ones alike (S8). Its creator writes the greeting.
 */
export async function openAssistantConversation(
  deps: DomainDeps,
  userId: number,
): Promise<AssistantConversation> {
  const assistantId = await deps.runtime.assistant.assistantAccountId(deps.db);
  if (userId === assistantId) throw notFound(ASSISTANT_CONVERSATION_NOT_FOUND);
  const opened = await openDirect(deps, userId, assistantId, TITLE);
  const conversationId = opened.conversation.id;
  if (opened.created) {
    const greeting = greetingFor(await getUser(deps, userId));
    await sendMessage(deps, assistantId, { conversationId, content: { type: 'text', body: greeting } });
  }
  return { conversationId, assistantId, created: opened.created };
}

/**
 * The user's assistant chat, when a client names one (the legacy `conversation_id`): any other id, someone else's
 * assistant chat included, answers as one that does not exist.
 */
export async function requireOwnAssistantConversation(
  deps: DomainDeps,
  userId: number,
  conversationId: number | undefined,
): Promise<AssistantConversation> {
  const own = await openAssistantConversation(deps, userId);
  if (conversationId !== undefined && conversationId !== own.conversationId) {
    throw notFound(ASSISTANT_CONVERSATION_NOT_FOUND);
  }
  return own;
}
