import { z } from 'zod';
import { isoTime } from '../../schemas/time';
import { accountSchema, userId } from '../../schemas/user';

export const signUpInput = z
  .strictObject({
    username: z
      .string()
      .describe("Starts with a letter; letters, digits, '.' and '_'; at most 20 characters"),
    email: z.string(),
    password: z
      .string()
      .describe('At least 8 characters with an upper-case letter, a lower-case letter, a digit and a symbol'),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
  })
  .meta({ id: 'SignUpInput' });
export const signUpOutput = accountSchema;

export const logInInput = z
  .strictObject({
    username: z.string().optional().describe('Username (case-insensitive); takes precedence over email'),
    email: z.string().optional(),
    password: z.string(),
  })
  .meta({ id: 'LogInInput' });
export const logInOutput = z
  .object({
    id: userId,
    token: z.string().describe('64 hex characters; send as `Authorization: Bearer <token>`'),
    expires_at: isoTime.describe('Sliding: each use extends it'),
  })
  .meta({ id: 'LogInResult' });

export const changePasswordInput = z.strictObject({ current_password: z.string(), new_password: z.string() });

export const okOutput = z.object({ ok: z.literal(true) });
export const revokedOutput = z.object({ revoked: z.number().int() });
