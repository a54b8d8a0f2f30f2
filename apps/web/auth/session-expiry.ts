import { TRPCClientError } from '@chatapp/client';
import { signOut } from 'next-auth/react';

/** Why the sign-in page is shown, as a query parameter it understands. */
export const EXPIRED_REASON = 'expired';

export function isUnauthorized(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null && 'code' in data && data.code === 'UNAUTHORIZED';
}

let leaving = false;

/**
 * The API refused our token (revoked by "sign out everywhere" or a password change, or expired): end the web
 * session too and land on sign-in with a message. Once, however many requests fail together.
 */
export function endExpiredSession(): void {
  if (leaving) return;
  leaving = true;
  void signOut({ callbackUrl: `/sign-in?reason=${EXPIRED_REASON}` });
}

/**
 * A sign-out the user asked for: the token is revoked first (which closes this tab's socket with "unauthorized" at
 * once), then the web session ends. The refusals that the revocation itself causes meanwhile are not an expired
 * session, so they start no second sign-out that would race this one.
 */
export async function signOutOnPurpose(revoke: () => Promise<unknown>): Promise<void> {
  leaving = true;
  try {
    await revoke();
  } catch {
    // Already revoked, or the server is unreachable: the web session ends either way.
  }
  await signOut({ callbackUrl: '/sign-in' });
}
