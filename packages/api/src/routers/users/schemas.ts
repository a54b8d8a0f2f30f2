import { z } from 'zod';
import { accountSchema, userSummarySchema } from '../../schemas/user';

export const meOutput = accountSchema;

export const updateMeInput = z
  .strictObject({
    username: z.string().optional(),
    email: z.string().optional(),
    first_name: z.string().optional().describe('Empty clears it'),
    last_name: z.string().optional().describe('Empty clears it'),
    password: z.string().optional().describe('A new password logs out every other device'),
    profile: z
      .string({ error: 'profile must be an image as base64 or a data URL' })
      .optional()
      .describe(
        'A new profile picture as base64 or a data URL (JPEG, PNG, WebP or GIF); it is square-cropped and replaces the old one',
      ),
  })
  .meta({ id: 'UpdateAccountInput' });
export const updateMeOutput = accountSchema;

export const listUsersOutput = z.array(userSummarySchema);
