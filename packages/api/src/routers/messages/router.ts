import { messages } from '@chatapp/domain';
import { toMessageDto } from '../../schemas/message';
import { toIso } from '../../schemas/time';
import { protectedProcedure, router } from '../../trpc';
import {
  byIdInput,
  editInput,
  editsOutput,
  listInput,
  listOutput,
  listRecentInput,
  listRecentOutput,
  messageOutput,
  sendInput,
  sendOutput,
} from './schemas';

const tags = ['Messages'];

/**
 * Messages of conversations the signed-in user is a member of. A message or conversation outside them answers
 * 404, exactly like one that does not exist; a member acting on someone else's message gets 403.
 */
export const messagesRouter = router({
  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/conversations/{conversation_id}/messages',
        tags,
        summary: 'A page of history (newest page by default; `before`/`after` a message id)',
        protect: true,
      },
    })
    .input(listInput)
    .output(listOutput)
    .query(async ({ ctx, input }) => {
      const { conversation_id, ...query } = input;
      const page = await messages.listMessages(ctx.deps, ctx.session.user.id, conversation_id, query);
      return {
        messages: page.messages.map((m) => toMessageDto(m, ctx.mediaBaseUrl)),
        has_more: page.has_more,
      };
    }),

  listRecent: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/conversations/{conversation_id}/messages/recent',
        tags,
        summary: `The newest ${messages.MESSAGE_LIMITS.legacyHistory} messages at most, oldest first, for clients that do not page`,
        protect: true,
      },
    })
    .input(listRecentInput)
    .output(listRecentOutput)
    .query(async ({ ctx, input }) =>
      (await messages.listRecentMessages(ctx.deps, ctx.session.user.id, input.conversation_id)).map((m) =>
        toMessageDto(m, ctx.mediaBaseUrl),
      ),
    ),

  send: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/conversations/{conversation_id}/messages',
        tags,
        summary: 'Send a text, image or audio message (idempotent with `client_message_id`)',
        protect: true,
      },
    })
    .input(sendInput)
    .output(sendOutput)
    .mutation(async ({ ctx, input }) => {
      // Over HTTP a send is limited per user; a socket's sends are its frames, limited by the frame rate.
      if (!ctx.connection) await messages.admitHttpSend(ctx.deps, ctx.session.user.id);
      const media =
        input.media_id !== undefined
          ? { mediaId: input.media_id }
          : input.media !== undefined
            ? { data: input.media }
            : undefined;
      const sent = await messages.sendMessage(ctx.deps, ctx.session.user.id, {
        conversationId: input.conversation_id,
        content: { type: input.type, body: input.body, media },
        clientMessageId: input.client_message_id,
      });
      return { created: sent.created, message: toMessageDto(sent.message, ctx.mediaBaseUrl) };
    }),

  edit: protectedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/messages/{message_id}',
        tags,
        summary: 'Edit your text message; the previous version is kept',
        protect: true,
      },
    })
    .input(editInput)
    .output(messageOutput)
    .mutation(async ({ ctx, input }) =>
      toMessageDto(
        await messages.editMessage(ctx.deps, ctx.session.user.id, input.message_id, input.body),
        ctx.mediaBaseUrl,
      ),
    ),

  delete: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/messages/{message_id}',
        tags,
        summary: 'Delete your message for everyone (its body, media and edit history are wiped)',
        protect: true,
      },
    })
    .input(byIdInput)
    .output(messageOutput)
    .mutation(async ({ ctx, input }) =>
      toMessageDto(
        await messages.deleteMessage(ctx.deps, ctx.session.user.id, input.message_id),
        ctx.mediaBaseUrl,
      ),
    ),

  edits: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/messages/{message_id}/edits',
        tags,
        summary: "A message's earlier versions",
        protect: true,
      },
    })
    .input(byIdInput)
    .output(editsOutput)
    .query(async ({ ctx, input }) => {
      const history = await messages.listEdits(ctx.deps, ctx.session.user.id, input.message_id);
      return {
        message: toMessageDto(history.message, ctx.mediaBaseUrl),
        edits: history.edits.map((edit) => ({ ...edit, edited_at: toIso(edit.edited_at) })),
      };
    }),
});
