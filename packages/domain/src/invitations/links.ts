import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { hashToken, newToken } from '../accounts/tokens';

/**
 * Where an invitation's link opens: the server's plain set-a-password page (apps/server/src/invitations/page.ts).
 * Outside the web UI's paths, so it works with or without the Next.js app mounted.
 */
export const INVITATION_PAGE_PATH = '/invitations/accept';

/** The link mailed to an invitee: the page, with the token in the query (the page sends no Referer). */
export function invitationLink(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}${INVITATION_PAGE_PATH}?token=${encodeURIComponent(token)}`;
}

/**
 * Creates a one-time link for `userId` in `trx` and returns its token: 256 random bits, of which only the SHA-256
 * is stored (like login tokens), so the database cannot hand out links.
 */
export async function createPasswordLink(
  trx: Kysely<Database>,
  link: { userId: number; createdBy: number; now: number; ttlMs: number },
): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const expiresAt = link.now + link.ttlMs;
  await trx
    .insertInto('password_links')
    .values({
      user_id: link.userId,
      token_hash: hashToken(token),
      purpose: 'invitation',
      created_by: link.createdBy,
      created_at: link.now,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, expiresAt };
}
