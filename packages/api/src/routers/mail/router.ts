import { accounts, mail } from '@chatapp/domain';
import { toIso } from '../../schemas/time';
import { protectedProcedure, router } from '../../trpc';
import { outboxInput, outboxOutput } from './schemas';

export const mailRouter = router({
  outbox: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/mail',
        tags: ['Administration'],
        summary:
          'The mail queue (administrators only): queued, sent and dead counts, and the newest mails with their attempts and last errors',
        protect: true,
      },
    })
    .input(outboxInput)
    .output(outboxOutput)
    .query(async ({ ctx, input }) => {
      await accounts.requireAdministrator(ctx.deps, ctx.session.user);
      const status = await mail.outboxStatus(ctx.deps, { status: input?.status, limit: input?.limit ?? 50 });
      return {
        counts: status.counts,
        mails: status.mails.map((m) => ({
          id: m.id,
          kind: m.kind,
          to: m.to,
          subject: m.subject,
          status: m.status,
          sending: m.sending,
          attempts: m.attempts,
          last_error: m.lastError,
          created_at: toIso(m.createdAt),
          next_attempt_at: m.nextAttemptAt === null ? null : toIso(m.nextAttemptAt),
          sent_at: m.sentAt === null ? null : toIso(m.sentAt),
        })),
      };
    }),
});
