import { type Database, insertedId, preparedQuery, type UserRow } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps } from '../deps';
import { invalid } from '../errors';
import { publishSessionsRevoked } from '../events/session-events';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { admitPasswordCheck, type ClientInfo, recordFailedPassword } from './sign-in-limits';
import { hashToken, newToken } from './tokens';
import { passwordProblem } from './validation';

/** One message for unknown accounts and wrong passwords, so login cannot be used to enumerate users (S24). */
export const INVALID_CREDENTIALS = 'Invalid username/email or password';

/** A sliding expiry is pushed forward at most once a minute, so reads do not each cost a write. */
const SLIDE_GRANULARITY_MS = 60_000;

export interface LoginInput {
  username?: string | undefined;
  email?: string | undefined;
  password: string;
}

export interface IssuedToken {
  user: UserRow;
  token: string;
  tokenId: number;
  expiresAt: number;
}

export interface Session {
  user: UserRow;
  tokenId: number;
  expiresAt: number;
}

/**
 * Logs in by username (when given) or email, both case-insensitive, and issues a new per-device token. Within the
 * sign-in limits (sign-in-limits.ts), checked before any hash is spent; a wrong password counts as a failure.
 */
export async function logIn(
  deps: DomainDeps,
  input: LoginInput,
  client: ClientInfo = {},
): Promise<IssuedToken> {
  if (!input.password || (!input.username && !input.email)) {
    throw invalid('Provide username or email and password');
  }
  const query = deps.db.selectFrom('users').selectAll();
  const user = await (input.username
    ? query.where('username_key', '=', input.username.toLowerCase())
    : query.where('email_key', '=', (input.email ?? '').toLowerCase())
  ).executeTakeFirst();
  const account = user ? `user:${user.id}` : `name:${(input.username || input.email || '').toLowerCase()}`;
  await admitPasswordCheck(deps, account, client.address);

  if (!user?.password_hash) {
    await deps.runtime.dummyHashes.burnCheck(input.password, deps.settings.scryptLogN);
    await recordFailedPassword(deps, account, client.address);
    throw invalid(INVALID_CREDENTIALS);
  }
  if (!(await verifyPassword(input.password, user.password_hash, deps.runtime.hashSlots))) {
    await recordFailedPassword(deps, account, client.address);
    throw invalid(INVALID_CREDENTIALS);
  }

  if (needsRehash(user.password_hash, deps.settings.scryptLogN)) {
    // Legacy Django hashes (and weaker scrypt costs) are upgraded the first time the password is seen.
    const rehashed = await hashPassword(input.password, deps.settings.scryptLogN, deps.runtime.hashSlots);
    await deps.db.updateTable('users').set({ password_hash: rehashed }).where('id', '=', user.id).execute();
  }
  return issueToken(deps, user, client.userAgent ?? null);
}

/** A new per-device token for `user` (login, and an invitation's set-a-password link, sign in through this). */
export async function issueToken(
  deps: DomainDeps,
  user: UserRow,
  userAgent: string | null,
): Promise<IssuedToken> {
  const token = newToken();
  const now = deps.now();
  const expiresAt = now + deps.settings.tokenTtlMs;
  const result = await deps.db
    .insertInto('auth_tokens')
    .values({
      user_id: user.id,
      token_hash: hashToken(token),
      user_agent: userAgent?.slice(0, 255) ?? null,
      created_at: now,
      last_used_at: now,
      expires_at: expiresAt,
    })
    .executeTakeFirstOrThrow();
  return { user, token, tokenId: insertedId(result), expiresAt };
}

/** A token's row with its user: every authenticated request runs it, so it is compiled once. */
const selectTokenSession = preparedQuery((db: Kysely<Database>, p: { tokenHash: string }) =>
  db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .selectAll('users')
    .select(['auth_tokens.id as token_id', 'auth_tokens.expires_at', 'auth_tokens.last_used_at'])
    .where('auth_tokens.token_hash', '=', p.tokenHash),
);

/** Resolves a token to its session, sliding its expiry forward; null when unknown, revoked or expired. */
export async function authenticate(deps: DomainDeps, token: string): Promise<Session | null> {
  const [row] = await selectTokenSession(deps.db, { tokenHash: hashToken(token) });
  if (!row) return null;
  const now = deps.now();
  if (row.expires_at <= now) {
    await deps.db.deleteFrom('auth_tokens').where('id', '=', row.token_id).execute();
    return null;
  }
  const { token_id: tokenId, expires_at, last_used_at, ...user } = row;
  let expiresAt = expires_at;
  if (now - last_used_at >= SLIDE_GRANULARITY_MS) {
    expiresAt = now + deps.settings.tokenTtlMs;
    await deps.db
      .updateTable('auth_tokens')
      .set({ last_used_at: now, expires_at: expiresAt })
      .where('id', '=', tokenId)
      .execute();
  }
  return { user, tokenId, expiresAt };
}

/** Revokes one token (this device). */
export async function logOut(deps: DomainDeps, userId: number, tokenId: number): Promise<void> {
  await deps.db.deleteFrom('auth_tokens').where('id', '=', tokenId).execute();
  await publishSessionsRevoked(deps, userId);
}

/** Revokes every token of the account; returns how many were revoked. */
export async function logOutEverywhere(deps: DomainDeps, userId: number): Promise<number> {
  const result = await deps.db.deleteFrom('auth_tokens').where('user_id', '=', userId).executeTakeFirst();
  await publishSessionsRevoked(deps, userId);
  return Number(result.numDeletedRows);
}

export async function revokeOtherTokens(
  deps: DomainDeps,
  userId: number,
  keepTokenId: number | null,
): Promise<void> {
  let query = deps.db.deleteFrom('auth_tokens').where('user_id', '=', userId);
  if (keepTokenId !== null) query = query.where('id', '!=', keepTokenId);
  await query.execute();
  await publishSessionsRevoked(deps, userId);
}

/** Changes the password after checking the current one; every other device is logged out. */
export async function changePassword(
  deps: DomainDeps,
  session: Session,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const hash = session.user.password_hash;
  // A stolen token must not make the current password guessable: its failures count like a sign-in's.
  const account = `user:${session.user.id}`;
  await deps.runtime.rateLimits.check('signInFailuresPerAccount', account, deps.now());
  if (!hash || !(await verifyPassword(currentPassword, hash, deps.runtime.hashSlots))) {
    await recordFailedPassword(deps, account, null);
    throw invalid('Current password is incorrect');
  }
  const problem = passwordProblem(newPassword);
  if (problem) throw invalid(problem);
  const passwordHash = await hashPassword(newPassword, deps.settings.scryptLogN, deps.runtime.hashSlots);
  await deps.db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: deps.now() })
    .where('id', '=', session.user.id)
    .execute();
  await revokeOtherTokens(deps, session.user.id, session.tokenId);
}
