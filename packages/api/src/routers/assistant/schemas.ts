import { messages } from '@chatapp/domain';
import { z } from 'zod';
import { idInput, requiredString } from '../../schemas/input';
import { conversationId, messageSchema } from '../../schemas/message';
import { userId } from '../../schemas/user';

const { MESSAGE_LIMITS } = messages;

export const conversationOutput = z
  .object({
    conversation_id: conversationId.describe(
      'Your assistant chat: an ordinary one-to-one conversation with the assistant, listed with your others',
    ),
    created: z.boolean().describe('True for the call that created it (with its greeting)'),
    configured: z
      .boolean()
      .describe('False when the server has no AI configuration: questions then answer 503'),
    assistant_user_id: userId.describe("The assistant's account, the sender of its replies"),
    messages: z
      .array(messageSchema)
      .describe(`The newest ${MESSAGE_LIMITS.legacyHistory} messages at most, oldest first`),
  })
  .meta({ id: 'AssistantConversation' });

export const askInput = z
  .strictObject({
    message: requiredString().describe(
      `Your question; trimmed, not blank, at most ${MESSAGE_LIMITS.body} characters`,
    ),
    conversation_id: idInput
      .optional()
      .describe('Your assistant chat, if you name it: any other id answers 404'),
  })
  .meta({ id: 'AssistantQuestion' });

export const askOutput = z
  .object({
    conversation_id: conversationId,
    question: messageSchema.describe('Your question, as stored'),
    reply: messageSchema.describe("The assistant's reply, as stored"),
  })
  .meta({ id: 'AssistantAnswer' });

/** What `assistant.stream` yields, in this order: the stored question, the reply's text in pieces, the stored reply. */
export const streamEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('question'), message: messageSchema }),
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({ type: z.literal('reply'), message: messageSchema }),
]);
export type AssistantStreamEvent = z.infer<typeof streamEvent>;
