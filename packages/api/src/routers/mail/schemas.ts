import { z } from 'zod';
import { pageSizeInput } from '../../schemas/input';
import { isoTime } from '../../schemas/time';

const mailStatus = z.enum(['queued', 'sent', 'dead']);

export const outboxInput = z
  .strictObject({
    status: mailStatus.optional().describe('Only mails in this state'),
    limit: pageSizeInput(200, 50),
  })
  .optional();

export const outboxOutput = z
  .object({
    counts: z.object({ queued: z.number().int(), sent: z.number().int(), dead: z.number().int() }),
    mails: z.array(
      z.object({
        id: z.number().int(),
        kind: z.string().describe('invitation or welcome'),
        to: z.string(),
        subject: z.string(),
        status: mailStatus,
        sending: z.boolean().describe('A sender holds it right now'),
        attempts: z.number().int(),
        last_error: z.string().nullable(),
        created_at: isoTime,
        next_attempt_at: isoTime.nullable(),
        sent_at: isoTime.nullable(),
      }),
    ),
  })
  .meta({ id: 'MailOutbox' });
