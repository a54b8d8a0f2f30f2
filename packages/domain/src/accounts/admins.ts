import type { UserRow } from '@chatapp/db';
import type { DomainDeps } from '../deps';
import { forbidden } from '../errors';

/**
 * Administrators (who see the mail queue): the accounts named in configuration (ADMIN_USERNAMES, by username,
 * case-insensitively), and the first account that can sign in: whoever set the product up. "Can sign in" (it has a
 * password) leaves out accounts that are not people's: invited addresses that never chose a password, or a
 * service account created by a migration.
 */
export async function isAdministrator(deps: DomainDeps, user: UserRow): Promise<boolean> {
  if (user.username_key && deps.mail.adminUsernames.includes(user.username_key)) return true;
  const first = await deps.db
    .selectFrom('users')
    .select('id')
    .where('password_hash', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return first?.id === user.id;
}

export async function requireAdministrator(deps: DomainDeps, user: UserRow): Promise<void> {
  if (!(await isAdministrator(deps, user))) throw forbidden('Only administrators may do this');
}
