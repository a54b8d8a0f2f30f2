import { accounts, events } from '@chatapp/domain';
import { z } from 'zod';
import { toIso } from '../../schemas/time';
import { toAccountDto, toUserSummaryDto, viewerOf } from '../../schemas/user';
import { protectedProcedure, router } from '../../trpc';
import {
  listUsersOutput,
  meOutput,
  presenceOutput,
  searchUsersInput,
  searchUsersOutput,
  updateMeInput,
  updateMeOutput,
} from './schemas';

export const usersRouter = router({
  me: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/users/me',
        tags: ['Users'],
        summary: 'The signed-in user',
        protect: true,
      },
    })
    .input(z.void())
    .output(meOutput)
    .query(({ ctx }) => toAccountDto(ctx.session.user, ctx.mediaBaseUrl)),

  updateMe: protectedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/users/me',
        tags: ['Users'],
        summary: 'Update your account',
        protect: true,
      },
    })
    .input(updateMeInput)
    .output(updateMeOutput)
    .mutation(async ({ ctx, input }) =>
      toAccountDto(
        await accounts.updateProfile(ctx.deps, ctx.session.user.id, ctx.session.tokenId, input),
        ctx.mediaBaseUrl,
      ),
    ),

  list: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/users', tags: ['Users'], summary: 'Every other user', protect: true },
    })
    .input(z.void())
    .output(listUsersOutput)
    .query(async ({ ctx }) => {
      const viewer = viewerOf(ctx);
      return (await accounts.listOtherUsers(ctx.deps, viewer.id)).map((user) =>
        toUserSummaryDto(user, viewer),
      );
    }),

  search: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/users/search',
        tags: ['Users'],
        summary: 'Find other users by username or name',
        protect: true,
      },
    })
    .input(searchUsersInput)
    .output(searchUsersOutput)
    .query(async ({ ctx, input }) => {
      const viewer = viewerOf(ctx);
      return (await accounts.searchUsers(ctx.deps, viewer.id, input)).map((user) =>
        toUserSummaryDto(
          user,
          // The exact address searched for is shown back (see accounts.isSearchedAddress); no other.
          accounts.isSearchedAddress(user, input.query) ? { ...viewer, seesOthersEmails: true } : viewer,
        ),
      );
    }),

  presence: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/users/presence',
        tags: ['Users'],
        summary: 'Who of your contacts is online, and when the others were last seen',
        protect: true,
      },
    })
    .input(z.void())
    .output(presenceOutput)
    .query(async ({ ctx }) => ({
      users: (await events.contactPresence(ctx.deps, ctx.session.user.id)).map((contact) => ({
        id: contact.userId,
        online: contact.online,
        last_seen_at: contact.lastSeenAt === null ? null : toIso(contact.lastSeenAt),
      })),
    })),
});
