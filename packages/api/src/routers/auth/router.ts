import { accounts } from '@chatapp/domain';
import { z } from 'zod';
import { toIso } from '../../schemas/time';
import { toAccountDto } from '../../schemas/user';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import {
  changePasswordInput,
  logInInput,
  logInOutput,
  okOutput,
  revokedOutput,
  signUpInput,
  signUpOutput,
} from './schemas';

export const authRouter = router({
  signUp: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/signup',
        tags: ['Authentication'],
        summary: 'Create an account',
      },
    })
    .input(signUpInput)
    .output(signUpOutput)
    .mutation(async ({ ctx, input }) =>
      toAccountDto(
        await accounts.signUp(ctx.deps, input, { address: ctx.clientAddress ?? null }),
        ctx.mediaBaseUrl,
      ),
    ),

  logIn: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/login',
        tags: ['Authentication'],
        summary: 'Log in by username or email; issues a new token for this device',
      },
    })
    .input(logInInput)
    .output(logInOutput)
    .mutation(async ({ ctx, input }) => {
      const issued = await accounts.logIn(ctx.deps, input, {
        userAgent: ctx.userAgent,
        address: ctx.clientAddress ?? null,
      });
      return { id: issued.user.id, token: issued.token, expires_at: toIso(issued.expiresAt) };
    }),

  logOut: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/logout',
        tags: ['Authentication'],
        summary: 'Revoke the token used for this request',
        protect: true,
      },
    })
    .input(z.void())
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await accounts.logOut(ctx.deps, ctx.session.user.id, ctx.session.tokenId);
      return { ok: true as const };
    }),

  logOutEverywhere: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/logout-all',
        tags: ['Authentication'],
        summary: 'Revoke every token of the account',
        protect: true,
      },
    })
    .input(z.void())
    .output(revokedOutput)
    .mutation(async ({ ctx }) => ({
      revoked: await accounts.logOutEverywhere(ctx.deps, ctx.session.user.id),
    })),

  changePassword: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/password',
        tags: ['Authentication'],
        summary: 'Change the password; every other device is logged out',
        protect: true,
      },
    })
    .input(changePasswordInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await accounts.changePassword(ctx.deps, ctx.session, input.current_password, input.new_password);
      return { ok: true as const };
    }),
});
