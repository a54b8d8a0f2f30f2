import type { DomainDeps } from '../deps';

/** Who is asking: the transport's client address (null where there is none, e.g. an in-process caller). */
export interface ClientInfo {
  userAgent?: string | null;
  address?: string | null;
}

/**
 * The limits of a password check, before any hash is spent: attempts per client address and per account, and the
 * failed passwords of both (which lock out, longer with each further failure). `account` is the user's id when the
 * name is known, otherwise the name tried, so that unknown names are limited alike (and the answer stays the same).
 */
export async function admitPasswordCheck(
  deps: DomainDeps,
  account: string,
  address: string | null | undefined,
): Promise<void> {
  const limits = deps.runtime.rateLimits;
  const now = deps.now();
  if (address) {
    await limits.take('signInPerAddress', address, now);
    await limits.check('signInFailuresPerAddress', address, now);
  }
  await limits.take('signInPerAccount', account, now);
  await limits.check('signInFailuresPerAccount', account, now);
}

/** A wrong password: counted against the account and the address (see admitPasswordCheck). */
export async function recordFailedPassword(
  deps: DomainDeps,
  account: string,
  address: string | null | undefined,
): Promise<void> {
  const limits = deps.runtime.rateLimits;
  const now = deps.now();
  if (address) await limits.penalize('signInFailuresPerAddress', address, now);
  await limits.penalize('signInFailuresPerAccount', account, now);
}

/** A new account from `address` (none for in-process callers). */
export async function admitSignUp(deps: DomainDeps, address: string | null | undefined): Promise<void> {
  if (address) await deps.runtime.rateLimits.take('signUpPerAddress', address, deps.now());
}
