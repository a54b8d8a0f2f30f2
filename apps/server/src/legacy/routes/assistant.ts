import type { schemas } from '@chatapp/api';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { LegacyCaller } from '../caller';
import { LegacyRequiredFieldError } from '../envelope';
import { legacyId, text } from '../fields';
import { defineRoute } from '../route';
import { legacyTime } from '../timestamps';

type Message = schemas.MessageDto;

/** An AI chat message as the legacy routes listed it: `sender` "user" or "ai", a "Z" time. */
function aiMessageView(message: Message, assistantId: number) {
  return {
    id: message.id,
    text: message.body,
    sender: message.sender_id === assistantId ? ('ai' as const) : ('user' as const),
    created_at: legacyTime(message.created_at, 'z'),
  };
}

/** Family C's fields: the chat's id and its messages, oldest first. */
async function aiConversation(caller: LegacyCaller) {
  const chat = await caller.assistant.conversation();
  return {
    created: chat.created,
    conversation_id: chat.conversation_id,
    messages: chat.messages.map((m) => aiMessageView(m, chat.assistant_user_id)),
  };
}

/** The legacy view's text for an id that is not the caller's AI chat (someone else's included: S8), as a 400. */
async function withLegacyNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'NOT_FOUND') {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'AI_Conversations matching query does not exist.',
      });
    }
    throw error;
  }
}

const aiMessage = z.object({
  id: z.number().int(),
  text: z.string(),
  sender: z.enum(['user', 'ai']),
  created_at: z.string().describe('e.g. 2026-11-24T11:11:47.534000Z'),
});
const aiConversationData = z.object({
  conversation_id: z.number().int(),
  messages: z.array(aiMessage).describe('Oldest first (the newest 1,000 at most)'),
});

export const assistantRoutes = [
  defineRoute({
    method: 'GET',
    path: '/getAIConversation/',
    auth: true,
    tag: 'Legacy: AI Conversations',
    summary:
      'Your AI chat, created with a greeting on first use (201; 200 afterwards), as top-level `conversation_id` and `messages`',
    errors: 'error',
    envelope: 'top-level',
    toInput: () => undefined,
    call: (caller) => aiConversation(caller),
    status: (chat) => (chat.created ? 201 : 200),
    message: '',
    toData: ({ conversation_id, messages }) => ({ conversation_id, messages }),
    docs: { data: aiConversationData },
  }),
  defineRoute({
    method: 'POST',
    path: '/sendAIMessage/',
    auth: true,
    tag: 'Legacy: AI Conversations',
    summary:
      'Ask the AI assistant in your AI chat; answers 200 with the whole chat, its reply last. 503 without AI configuration, 502/504 when the model fails or is too slow (your message is kept, no reply is stored), 429 when asked too fast',
    errors: 'error',
    envelope: 'top-level',
    toInput: (body) => {
      const conversationId = legacyId(body.conversation_id);
      if (conversationId === undefined)
        throw new LegacyRequiredFieldError('Conversation ID is required', false);
      return { message: text(body, 'message'), conversation_id: conversationId };
    },
    call: async (caller, input) => {
      await withLegacyNotFound(caller.assistant.ask(input));
      return aiConversation(caller);
    },
    status: 200,
    message: '',
    toData: ({ conversation_id, messages }) => ({ conversation_id, messages }),
    docs: {
      request: z.object({
        message: z.string(),
        conversation_id: z.union([z.number(), z.string()]).describe('From /getAIConversation/'),
      }),
      data: aiConversationData,
    },
  }),
];
