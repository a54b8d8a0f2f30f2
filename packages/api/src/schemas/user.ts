import type { UserRow } from '@chatapp/db';
import { z } from 'zod';
import { isoTime, toIso } from './time';

export const userId = z.number().int().positive();

/** The signed-in user's own account. */
export const accountSchema = z
  .object({
    id: userId,
    username: z.string(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    profile: z.string().nullable().describe('Relative media path of the profile picture'),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Account' });

/** Another user, as listed for starting chats. */
export const userSummarySchema = z
  .object({
    id: userId,
    username: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    profile: z.string().nullable(),
    email: z.string(),
  })
  .meta({ id: 'UserSummary' });

export type AccountDto = z.infer<typeof accountSchema>;
export type UserSummaryDto = z.infer<typeof userSummarySchema>;

export function toAccountDto(user: UserRow): AccountDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    profile: user.profile,
    created_at: toIso(user.created_at),
    updated_at: toIso(user.updated_at),
  };
}

export function toUserSummaryDto(user: UserRow): UserSummaryDto {
  return {
    id: user.id,
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    profile: user.profile,
    email: user.email,
  };
}
