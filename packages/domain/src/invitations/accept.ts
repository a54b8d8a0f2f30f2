import type { Database } from '@chatapp/db';
import { isUniqueViolation } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { hashPassword } from '../accounts/passwords';
import { type IssuedToken, issueToken } from '../accounts/sessions';
import { hashToken } from '../accounts/tokens';
import { getUser } from '../accounts/users';
import { passwordProblem, usernameProblem } from '../accounts/validation';
import type { DomainDeps } from '../deps';
import { conflict, invalid } from '../errors';
import { displayName } from './invite';

/** One message for unknown, used and expired links: a link never tells which (or whose) it was. */
export const LINK_NOT_VALID = 'This link has expired or has already been used';

export interface AcceptInvitationInput {
  token: string;
  password: string;
  /** Optional: a username to sign in with besides the address (an invited account has none yet). */
  username?: string | undefined;
}

/** What the set-a-password page shows before the form is sent: whose link this is, and who sent it. */
export async function describeInvitation(
  deps: DomainDeps,
  token: string,
): Promise<{ email: string; expiresAt: number; invitedBy: string | null }> {
  const row = await deps.db
    .selectFrom('password_links')
    .innerJoin('users', 'users.id', 'password_links.user_id')
    // The inviter's name is already in the mail this token came from; the page repeats it so the invitee knows
    // whose invitation they accept (null if that account is gone).
    .leftJoin('users as inviter', 'inviter.id', 'password_links.created_by')
    .select([
      'users.email',
      'password_links.expires_at',
      'password_links.used_at',
      'inviter.first_name as inviter_first_name',
      'inviter.last_name as inviter_last_name',
      'inviter.username as inviter_username',
      'inviter.email as inviter_email',
    ])
    .where('password_links.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= deps.now()) throw invalid(LINK_NOT_VALID);
  const invitedBy =
    row.inviter_email === null
      ? null
      : displayName({
          first_name: row.inviter_first_name ?? '',
          last_name: row.inviter_last_name ?? '',
          username: row.inviter_username ?? '',
          email: row.inviter_email,
        });
  return { email: row.email, expiresAt: row.expires_at, invitedBy };
}

/**
 * Sets the invited account's password with its link, and signs it in (a new token). The link works once: it is
 * marked used by a conditional update in the same transaction as the password, so two uses at once cannot both
 * pass, and it stops working at its expiry. The password follows the sign-up policy (S30).
 */
export async function acceptInvitation(
  deps: DomainDeps,
  input: AcceptInvitationInput,
  userAgent: string | null,
): Promise<IssuedToken> {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid(problem);
  if (input.username !== undefined) {
    const usernameIssue = usernameProblem(input.username);
    if (usernameIssue) throw invalid(usernameIssue);
  }
  if (!input.token) throw invalid(LINK_NOT_VALID);
  // A hash (the most expensive work we do) is spent only for a link that works now; the transaction below still
  // claims it atomically. Otherwise anyone could make the server hash passwords for nothing.
  const usable = await deps.db
    .selectFrom('password_links')
    .select('id')
    .where('token_hash', '=', hashToken(input.token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', deps.now())
    .executeTakeFirst();
  if (!usable) throw invalid(LINK_NOT_VALID);
  const passwordHash = await hashPassword(input.password, deps.settings.scryptLogN, deps.runtime.hashSlots);
  const now = deps.now();
  let userId: number;
  try {
    userId = await deps.db.transaction().execute(async (trx) => {
      const id = await useLink(trx, hashToken(input.token), now);
      await trx
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          updated_at: now,
          ...(input.username === undefined
            ? {}
            : { username: input.username, username_key: input.username.toLowerCase() }),
        })
        .where('id', '=', id)
        .execute();
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('Username already exists');
    throw error;
  }
  return issueToken(deps, await getUser(deps, userId), userAgent);
}

/** Marks the link used, if it is unused and unexpired; returns its account. */
async function useLink(trx: Kysely<Database>, tokenHash: string, now: number): Promise<number> {
  const result = await trx
    .updateTable('password_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw invalid(LINK_NOT_VALID);
  const link = await trx
    .selectFrom('password_links')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirstOrThrow();
  return link.user_id;
}
