import { z } from 'zod';
import { requiredString } from '../../schemas/input';
import { isoTime } from '../../schemas/time';
import { userId } from '../../schemas/user';

export const inviteInput = z
  .strictObject({
    email: requiredString()
      .max(254, 'email must be at most 254 characters long')
      .describe('The address to invite'),
  })
  .meta({ id: 'InviteInput' });
export const inviteOutput = z
  .object({ id: userId, email: z.string() })
  .meta({ id: 'Invitation', description: 'The invited account (no password until its link is used)' });

const linkToken = requiredString()
  .max(200, 'token must be at most 200 characters long')
  .describe('The token of the link mailed to the invitee');

export const describeInvitationInput = z.strictObject({ token: linkToken });
export const describeInvitationOutput = z
  .object({
    email: z.string(),
    expires_at: isoTime,
    invited_by: z.string().nullable().describe("The inviter's name, as the invitation mail gave it"),
  })
  .meta({ id: 'InvitationLink' });

export const acceptInvitationInput = z
  .strictObject({
    token: linkToken,
    password: requiredString()
      .max(1000, 'password must be at most 1000 characters long')
      .describe('At least 8 characters with an upper-case letter, a lower-case letter, a digit and a symbol'),
    username: z
      .string()
      .optional()
      .describe(
        "Optional username: starts with a letter; letters, digits, '.' and '_'; at most 20 characters",
      ),
  })
  .meta({ id: 'AcceptInvitationInput' });
export const acceptInvitationOutput = z
  .object({
    id: userId,
    token: z.string().describe('A login token: the invitee is signed in'),
    expires_at: isoTime,
  })
  .meta({ id: 'AcceptedInvitation' });
