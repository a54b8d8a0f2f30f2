import { z } from 'zod';
import { idInput } from '../../schemas/input';
import { isoTime } from '../../schemas/time';

export const streamInput = z
  .object({
    lastEventId: z
      .string()
      .regex(/^\d+$/)
      .nullish()
      .describe('Resume after this event id: every event missed since is replayed first, then live ones'),
  })
  .optional();

export const typingInput = z.strictObject({ conversation_id: idInput });
export const deliveredInput = z.strictObject({ conversation_id: idInput, message_id: idInput });
export const okOutput = z.object({ ok: z.literal(true) });

export const typingOutput = z.object({
  expires_at: isoTime.describe('The indicator disappears then unless renewed'),
});
