import type { DomainDeps } from '../deps';
import { DomainError } from '../errors';
import { mailsToAddressSince } from '../mail/outbox';

const HOUR_MS = 60 * 60 * 1000;

const rateLimited = (message: string) => new DomainError('rate_limited', message);

/**
 * Invitations are mail to an address the caller chooses, so they are bounded twice (S14: no open relay): per
 * inviter (their invitations of the last hour) and per recipient (mails of any kind to that address in the last
 * hour). Counted in the database, so the limits hold across processes.
 */
export async function checkInvitationRates(
  deps: DomainDeps,
  inviterId: number,
  email: string,
): Promise<void> {
  const since = deps.now() - HOUR_MS;
  const sent = await deps.db
    .selectFrom('password_links')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('created_by', '=', inviterId)
    .where('created_at', '>', since)
    .executeTakeFirst();
  if (Number(sent?.count ?? 0) >= deps.mail.invitesPerHour) {
    throw rateLimited('Too many invitations in the last hour; try again later');
  }
  if ((await mailsToAddressSince(deps.db, email, since)) >= deps.mail.mailsPerRecipientPerHour) {
    throw rateLimited('Too many mails to this address in the last hour; try again later');
  }
}
