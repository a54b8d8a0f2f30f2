import { assistant, messages } from '@chatapp/domain';
import { z } from 'zod';
import { toMessageDto } from '../../schemas/message';
import { asTrpcError } from '../../streams/domain-errors';
import { protectedProcedure, router } from '../../trpc';
import { type AssistantStreamEvent, askInput, askOutput, conversationOutput } from './schemas';

const tags = ['Assistant'];

/**
 * The signed-in user's AI assistant. Its chat is an ordinary conversation (so its messages also reach every socket
 * and `events.stream`); these procedures open it and ask in it. Questions answer 503 without AI configuration,
 * 429 when asked too fast, 502 when the model server fails and 504 when it is too slow: the question stays stored,
 * and no reply is stored.
 */
export const assistantRouter = router({
  conversation: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/assistant',
        tags,
        summary: 'Your assistant chat (created with a greeting on first use) and its recent messages',
        protect: true,
      },
    })
    .input(z.void())
    .output(conversationOutput)
    .query(async ({ ctx }) => {
      const userId = ctx.session.user.id;
      const chat = await assistant.openAssistantConversation(ctx.deps, userId);
      const recent = await messages.listRecentMessages(ctx.deps, userId, chat.conversationId);
      return {
        conversation_id: chat.conversationId,
        created: chat.created,
        configured: ctx.deps.runtime.assistant.model !== null,
        assistant_user_id: chat.assistantId,
        messages: recent.map((m) => toMessageDto(m, ctx.mediaBaseUrl)),
      };
    }),

  ask: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/assistant/messages',
        tags,
        summary:
          'Ask the assistant; answers with your stored question and its whole stored reply (or, with `Accept: text/event-stream`, streams question, delta and reply events)',
        protect: true,
      },
    })
    .input(askInput)
    .output(askOutput)
    .mutation(async ({ ctx, input }) => {
      const asked = await assistant.askAssistant(
        ctx.deps,
        ctx.session.user.id,
        { message: input.message, conversationId: input.conversation_id },
        'whole',
      );
      const reply = await asked.reply.done;
      return {
        conversation_id: asked.conversationId,
        question: toMessageDto(asked.question, ctx.mediaBaseUrl),
        reply: toMessageDto(reply, ctx.mediaBaseUrl),
      };
    }),

  /**
   * Asks and streams the reply: the stored question, the reply's text in order as the model writes it, then the
   * stored reply. Unsubscribing stops only the listening: the reply is still finished and stored, and shows in the
   * chat (and on `events.stream`) like any message.
   */
  stream: protectedProcedure.input(askInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }): AsyncGenerator<AssistantStreamEvent> {
    try {
      const asked = await assistant.askAssistant(
        ctx.deps,
        ctx.session.user.id,
        { message: input.message, conversationId: input.conversation_id },
        'stream',
      );
      yield { type: 'question', message: toMessageDto(asked.question, ctx.mediaBaseUrl) };
      for await (const event of asked.reply.events(signal)) {
        yield event.type === 'delta'
          ? event
          : { type: 'reply', message: toMessageDto(event.message, ctx.mediaBaseUrl) };
      }
    } catch (error) {
      throw asTrpcError(error);
    }
  }),
});
