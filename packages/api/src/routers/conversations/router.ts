import { conversations } from '@chatapp/domain';
import { toConversationDto } from '../../schemas/conversation';
import { viewerOf } from '../../schemas/user';
import { protectedProcedure, router } from '../../trpc';
import {
  addMembersInput,
  addMembersOutput,
  byIdInput,
  conversationOutput,
  createGroupInput,
  leaveInput,
  leaveOutput,
  listInput,
  listOutput,
  markReadInput,
  markReadOutput,
  openDirectInput,
  openDirectOutput,
  receiptsInput,
  receiptsOutput,
  removeMemberInput,
  removeMemberOutput,
  setMutedInput,
} from './schemas';

const tags = ['Conversations'];

/**
 * Conversations of the signed-in user. A conversation the caller is not a member of answers 404 "Conversation
 * not found" everywhere, exactly like one that does not exist.
 */
export const conversationsRouter = router({
  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/conversations',
        tags,
        summary: 'Your conversations, newest activity first',
        protect: true,
      },
    })
    .input(listInput)
    .output(listOutput)
    .query(async ({ ctx, input }) => {
      const viewerId = ctx.session.user.id;
      const page = await conversations.listConversations(ctx.deps, viewerId, input ?? {});
      return {
        conversations: page.conversations.map((c) => toConversationDto(c, viewerOf(ctx), ctx.mediaBaseUrl)),
        next_cursor: page.next_cursor,
      };
    }),

  get: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/conversations/{conversation_id}',
        tags,
        summary: 'One of your conversations',
        protect: true,
      },
    })
    .input(byIdInput)
    .output(conversationOutput)
    .query(async ({ ctx, input }) => {
      const viewerId = ctx.session.user.id;
      return toConversationDto(
        await conversations.getConversation(ctx.deps, viewerId, input.conversation_id),
        viewerOf(ctx),
        ctx.mediaBaseUrl,
      );
    }),

  openDirect: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/conversations/direct',
        tags,
        summary: 'Get or create your one-to-one conversation with a user (exactly one per pair)',
        protect: true,
      },
    })
    .input(openDirectInput)
    .output(openDirectOutput)
    .mutation(async ({ ctx, input }) => {
      const viewerId = ctx.session.user.id;
      const opened = await conversations.openDirect(ctx.deps, viewerId, input.user_id, input.title);
      return {
        created: opened.created,
        conversation: toConversationDto(opened.conversation, viewerOf(ctx), ctx.mediaBaseUrl),
      };
    }),

  createGroup: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/conversations/groups',
        tags,
        summary: 'Create a group with you in it',
        protect: true,
      },
    })
    .input(createGroupInput)
    .output(conversationOutput)
    .mutation(async ({ ctx, input }) => {
      const viewerId = ctx.session.user.id;
      const group = await conversations.createGroup(ctx.deps, viewerId, {
        title: input.title,
        userIds: input.user_ids,
      });
      return toConversationDto(group, viewerOf(ctx), ctx.mediaBaseUrl);
    }),

  addMembers: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/conversations/{conversation_id}/members',
        tags,
        summary: 'Add users to a group you are in',
        protect: true,
      },
    })
    .input(addMembersInput)
    .output(addMembersOutput)
    .mutation(async ({ ctx, input }) => {
      const viewerId = ctx.session.user.id;
      const result = await conversations.addMembers(
        ctx.deps,
        viewerId,
        input.conversation_id,
        input.user_ids,
      );
      return {
        conversation: toConversationDto(result.conversation, viewerOf(ctx), ctx.mediaBaseUrl),
        added_user_ids: result.added_user_ids,
      };
    }),

  removeMember: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/conversations/{conversation_id}/members/{user_id}',
        tags,
        summary: 'Remove a member from a group (the creator may remove anyone; anyone may remove themself)',
        protect: true,
      },
    })
    .input(removeMemberInput)
    .output(removeMemberOutput)
    .mutation(async ({ ctx, input }) => {
      const viewerId = ctx.session.user.id;
      const result = await conversations.removeMember(
        ctx.deps,
        viewerId,
        input.conversation_id,
        input.user_id,
      );
      return {
        conversation_id: result.conversation_id,
        user_id: result.user_id,
        conversation:
          result.conversation && toConversationDto(result.conversation, viewerOf(ctx), ctx.mediaBaseUrl),
      };
    }),

  leave: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/conversations/{conversation_id}/leave',
        tags,
        summary: 'Leave a group',
        protect: true,
      },
    })
    .input(leaveInput)
    .output(leaveOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await conversations.leaveGroup(ctx.deps, ctx.session.user.id, input.conversation_id);
      return { conversation_id: result.conversation_id, user_id: result.user_id };
    }),

  markRead: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/conversations/{conversation_id}/read',
        tags,
        summary: 'Mark the conversation read up to a message',
        protect: true,
      },
    })
    .input(markReadInput)
    .output(markReadOutput)
    .mutation(async ({ ctx, input }) => {
      const state = await conversations.markRead(
        ctx.deps,
        ctx.session.user.id,
        input.conversation_id,
        input.message_id,
      );
      return {
        conversation_id: state.conversation_id,
        last_read_message_id: state.last_read_message_id,
        unread_count: state.unread_count,
      };
    }),

  receipts: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/conversations/{conversation_id}/receipts',
        tags,
        summary: 'Every member\'s read and delivered marks (for ticks and "read by")',
        protect: true,
      },
    })
    .input(receiptsInput)
    .output(receiptsOutput)
    .query(async ({ ctx, input }) => ({
      conversation_id: input.conversation_id,
      members: await conversations.receiptMarks(ctx.deps, ctx.session.user.id, input.conversation_id),
    })),

  setMuted: protectedProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/conversations/{conversation_id}/muted',
        tags,
        summary:
          'Mute or unmute a conversation for you (on every device of yours; the other members see no change)',
        protect: true,
      },
    })
    .input(setMutedInput)
    .output(conversationOutput)
    .mutation(async ({ ctx, input }) => {
      const viewerId = ctx.session.user.id;
      return toConversationDto(
        await conversations.setMuted(ctx.deps, viewerId, input.conversation_id, input.muted),
        viewerOf(ctx),
        ctx.mediaBaseUrl,
      );
    }),
});
