import { invitations } from '@chatapp/domain';
import { toIso } from '../../schemas/time';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import {
  acceptInvitationInput,
  acceptInvitationOutput,
  describeInvitationInput,
  describeInvitationOutput,
  inviteInput,
  inviteOutput,
} from './schemas';

export const invitationsRouter = router({
  create: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/invitations',
        tags: ['Invitations'],
        summary:
          'Invite an address: its account is created without a password and it is mailed a one-time link to choose one (rate-limited per caller and per address)',
        protect: true,
      },
    })
    .input(inviteInput)
    .output(inviteOutput)
    .mutation(async ({ ctx, input }) => {
      const invited = await invitations.inviteByEmail(
        ctx.deps,
        ctx.session.user,
        input.email,
        ctx.linkOrigin ?? 'http://localhost',
      );
      return { id: invited.userId, email: invited.email };
    }),

  describe: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/invitations/link',
        tags: ['Invitations'],
        summary: "An invitation link's address and expiry, while it is usable",
      },
    })
    .input(describeInvitationInput)
    .output(describeInvitationOutput)
    .query(async ({ ctx, input }) => {
      const link = await invitations.describeInvitation(ctx.deps, input.token);
      return { email: link.email, expires_at: toIso(link.expiresAt), invited_by: link.invitedBy };
    }),

  accept: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/invitations/accept',
        tags: ['Invitations'],
        summary:
          "Choose the invited account's password with its link (works once, until it expires); signs in",
      },
    })
    .input(acceptInvitationInput)
    .output(acceptInvitationOutput)
    .mutation(async ({ ctx, input }) => {
      const issued = await invitations.acceptInvitation(ctx.deps, input, ctx.userAgent);
      return { id: issued.user.id, token: issued.token, expires_at: toIso(issued.expiresAt) };
    }),
});
