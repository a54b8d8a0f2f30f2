import { accounts } from '@chatapp/domain';
import { z } from 'zod';
import { pageSizeInput, requiredString } from '../../schemas/input';
import { isoTime } from '../../schemas/time';
import { accountSchema, userId, userSummarySchema } from '../../schemas/user';

const { SEARCH_LIMITS } = accounts;

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

export const searchUsersInput = z
  .strictObject({
    query: requiredString()
      .trim()
      .min(1, 'query must not be empty')
      .max(SEARCH_LIMITS.queryMax, `query must be at most ${SEARCH_LIMITS.queryMax} characters long`)
      .describe(
        'Part of a username, first name, last name or "first last", any case (trimmed; % and _ match themselves)',
      ),
    limit: pageSizeInput(SEARCH_LIMITS.max, SEARCH_LIMITS.default),
  })
  .meta({ id: 'UserSearchInput' });
export const searchUsersOutput = z
  .array(userSummarySchema)
  .describe(
    'Other users: exact username first, then usernames starting with the query, then names, by username',
  );

export const presenceOutput = z
  .object({
    users: z
      .array(
        z.object({
          id: userId,
          online: z.boolean(),
          last_seen_at: isoTime
            .nullable()
            .describe(
              'When the user last went offline (kept while online again); null if never seen leaving',
            ),
        }),
      )
      .describe('Everyone who shares a conversation with you, by id'),
  })
  .meta({ id: 'ContactPresence' });
