import type { UserRow } from '@chatapp/db';
import { accounts } from '@chatapp/domain';
import { z } from 'zod';
import { mediaUrl } from './media';
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
    profile_url: z.string().nullable().describe('Absolute URL of the profile picture'),
    profile_thumbnail_url: z.string().nullable().describe('Absolute URL of a small version of it'),
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
    email: z.string().describe('Your own address; empty for every other user (their address is theirs)'),
  })
  .meta({ id: 'UserSummary' });

export type AccountDto = z.infer<typeof accountSchema>;
export type UserSummaryDto = z.infer<typeof userSummarySchema>;

/** `mediaBaseUrl` (the request's `/media/` URL) makes the picture URLs absolute. */
export function toAccountDto(user: UserRow, mediaBaseUrl = '/media/'): AccountDto {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    profile: user.profile,
    profile_url: user.profile ? mediaUrl(mediaBaseUrl, user.profile) : null,
    profile_thumbnail_url: user.profile_thumb ? mediaUrl(mediaBaseUrl, user.profile_thumb) : null,
    created_at: toIso(user.created_at),
    updated_at: toIso(user.updated_at),
  };
}

/**
 * Who a list is shown to: their id, and whether they see other users' addresses (only the legacy transports, per
 * LEGACY_SHOW_EMAILS: see accounts.visibleEmail).
 */
export interface Viewer {
  id: number;
  seesOthersEmails: boolean;
}

/** The viewer of a procedure call: its signed-in user, with the email choice of its transport. */
export function viewerOf(ctx: { session: { user: { id: number } }; showsOthersEmails?: boolean }): Viewer {
  return { id: ctx.session.user.id, seesOthersEmails: ctx.showsOthersEmails ?? false };
}

export function toUserSummaryDto(user: UserRow, viewer: Viewer): UserSummaryDto {
  return {
    id: user.id,
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    profile: user.profile,
    email: accounts.visibleEmail(user, viewer.id, viewer.seesOthersEmails),
  };
}
