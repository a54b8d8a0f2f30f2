import { type Database, insertedId, isUniqueViolation, retryContended, type UserRow } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { emailProblem } from '../accounts/validation';
import type { DomainDeps } from '../deps';
import { conflict, invalid } from '../errors';
import { invitationMail } from '../mail/invitation-mail';
import { queueMail } from '../mail/outbox';
import { createPasswordLink, invitationLink } from './links';

/** The inviter as the invitee will recognise them. */
export function displayName(user: Pick<UserRow, 'first_name' | 'last_name' | 'username' | 'email'>): string {
  const full = `${user.first_name} ${user.last_name}`.trim();
  return full || user.username || user.email;
}

/**
 * Invites an address (the legacy `/addbyemail/`, fixed): a signed-in inviter (S12), a valid address, within the
 * rate limits (S14). The account is created without a password and without a username, and the invitee receives a
 * one-time link to choose a password; no password is ever chosen for them or mailed (S11, S13, S30). The account,
 * its link and the mail commit together. An invitee whose link expired unused is invited again with a new link; an
 * address with an account or a live link answers 409. `origin` is where the link points when PUBLIC_URL is not
 * configured.
 */
export async function inviteByEmail(
  deps: DomainDeps,
  inviter: UserRow,
  email: string,
  origin: string,
): Promise<{ userId: number; email: string }> {
  if (!email) throw invalid('Email is required');
  const problem = emailProblem(email);
  if (problem) throw invalid(problem);
  const existing = await deps.db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('email_key', '=', email.toLowerCase())
    .executeTakeFirst();
  const now = deps.now();
  // An invitee whose every link expired unused may be invited again (a new link); anyone else is already here.
  const reinvited =
    existing && existing.password_hash === null && !(await hasLiveLink(deps, existing.id, now));
  if (existing && !reinvited) throw conflict('Email already exists');
  // Counted only for invitations that would be sent: per inviter and per recipient address (S14: no open relay).
  await deps.runtime.rateLimits.take('invitationsPerUser', inviter.id, now);
  await deps.runtime.rateLimits.take('invitationsPerRecipient', email.toLowerCase(), now);
  let userId: number;
  try {
    // A deadlock with a sender's claim of the outbox (MariaDB) rolls this back whole: it is run again.
    userId = await retryContended(() =>
      deps.db.transaction().execute(async (trx) => {
        const id = existing ? existing.id : await insertInvitee(trx, email, now);
        const link = await createPasswordLink(trx, {
          userId: id,
          createdBy: inviter.id,
          now,
          ttlMs: deps.mail.inviteLinkTtlMs,
        });
        const mail = invitationMail({
          to: email,
          productName: deps.mail.productName,
          inviterName: displayName(inviter),
          link: invitationLink(deps.mail.publicUrl ?? origin, link.token),
          expiresAt: link.expiresAt,
        });
        await queueMail(trx, 'invitation', mail, now);
        return id;
      }),
    );
  } catch (error) {
    // Two invitations of one address at once: the second finds the first's account.
    if (isUniqueViolation(error)) throw conflict('Email already exists');
    throw error;
  }
  deps.runtime.mailQueued.notify();
  return { userId, email };
}

/** The invitee's account: no password and no username until they accept. */
async function insertInvitee(trx: Kysely<Database>, email: string, now: number): Promise<number> {
  const result = await trx
    .insertInto('users')
    .values({
      username: '',
      username_key: null,
      email,
      email_key: email.toLowerCase(),
      password_hash: null,
      first_name: '',
      last_name: '',
      profile: null,
      profile_thumb: null,
      created_at: now,
      updated_at: now,
    })
    .executeTakeFirstOrThrow();
  return insertedId(result);
}

/** Whether the invitee still holds a link that works (unused, not expired). */
async function hasLiveLink(deps: DomainDeps, userId: number, now: number): Promise<boolean> {
  const live = await deps.db
    .selectFrom('password_links')
    .select('id')
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .limit(1)
    .executeTakeFirst();
  return live !== undefined;
}
