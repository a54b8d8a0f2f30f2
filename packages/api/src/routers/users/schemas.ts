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
  })
  .meta({ id: 'UpdateAccountInput' });
export const updateMeOutput = accountSchema;

export const listUsersOutput = z.array(userSummarySchema);
