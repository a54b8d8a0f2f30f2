import {
  advanceSequence,
  type Database,
  insertedId,
  isUniqueViolation,
  retryContended,
  type UserRow,
  type UserUpdate,
  violatedKey,
} from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps } from '../deps';
import { DomainError, invalid, notFound } from '../errors';
import { queueMail } from '../mail/outbox';
import { welcomeMail } from '../mail/welcome-mail';
import { commitWithFiles, releaseFiles } from '../media/files';
import { type PreparedMedia, prepareBase64Media } from '../media/prepare';
import { insertMediaRow } from '../media/rows';
import { hashPassword } from './passwords';
import { revokeOtherTokens } from './sessions';
import { admitSignUp, type ClientInfo } from './sign-in-limits';
import { emailProblem, nameProblem, passwordProblem, usernameProblem } from './validation';

export interface SignUpInput {
  username: string;
  email: string;
  password: string;
  first_name?: string | undefined;
  last_name?: string | undefined;
}

/** Creates an account. Username and email are unique case-insensitively (fixes S28). */
export async function signUp(
  deps: DomainDeps,
  input: SignUpInput,
  client: ClientInfo = {},
): Promise<UserRow> {
  // The first three rules are reported together, the names one at a time (contract §3.1).
  const problems = [
    usernameProblem(input.username),
    passwordProblem(input.password),
    emailProblem(input.email),
  ];
  const reported = problems.filter((p): p is string => p !== null);
  if (reported.length) throw invalid(reported.join(', '));
  const firstName = input.first_name ?? '';
  const lastName = input.last_name ?? '';
  for (const [which, value] of [
    ['first', firstName],
    ['last', lastName],
  ] as const) {
    const problem = value ? nameProblem(which, value) : null;
    if (problem) throw invalid(problem);
  }

  // Counted once the input is valid, before the hash (the expensive part) and the insert.
  await admitSignUp(deps, client.address);
  const now = deps.now();
  const passwordHash = await hashPassword(input.password, deps.settings.scryptLogN, deps.runtime.hashSlots);
  try {
    // The welcome mail commits with the account (never the password: S11), and only if the account does.
    // A deadlock with a sender's claim of the outbox (MariaDB) rolls this back whole: it is run again.
    const userId = await retryContended(() =>
      deps.db.transaction().execute(async (trx) => {
        const result = await trx
          .insertInto('users')
          .values({
            username: input.username,
            username_key: input.username.toLowerCase(),
            email: input.email,
            email_key: input.email.toLowerCase(),
            password_hash: passwordHash,
            first_name: firstName,
            last_name: lastName,
            profile: null,
            profile_thumb: null,
            created_at: now,
            updated_at: now,
          })
          .executeTakeFirstOrThrow();
        const welcome = welcomeMail({
          to: input.email,
          productName: deps.mail.productName,
          username: input.username,
          signInUrl: deps.mail.publicUrl,
        });
        await queueMail(trx, 'welcome', welcome, now);
        return insertedId(result);
      }),
    );
    deps.runtime.mailQueued.notify();
    // Nobody is told: a sign-up costs the same however many users and sockets there are. Clients read the user
    // list when they connect, and find a new user through search (docs/events.md).
    return await getUser(deps, userId);
  } catch (error) {
    throw duplicateAccountError(error);
  }
}

export async function getUser(deps: DomainDeps, userId: number): Promise<UserRow> {
  const user = await deps.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('User not found');
  return user;
}

/** Every other person's account, oldest first (the legacy client builds its "new chat" list from this). */
export function listOtherUsers(deps: DomainDeps, userId: number): Promise<UserRow[]> {
  return (
    deps.db
      .selectFrom('users')
      .selectAll()
      .where('id', '!=', userId)
      // The assistant's account is not a person to start a chat with (its chat is opened by the assistant routes).
      .where('is_bot', '=', 0)
      .orderBy('id')
      .execute()
  );
}

export interface ProfilePatch {
  username?: string | undefined;
  email?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  password?: string | undefined;
  /** A new profile picture: base64 or a data URL of an image (square-cropped; the previous one is removed). */
  profile?: string | undefined;
}

/**
 * Updates the caller's own account. A key that is present is validated and written; an empty name clears it.
 * A new password revokes every other token of the account (the caller's own stays valid).
 * A profile picture is checked and processed only after every other field passed (nothing is stored for a
 * request that fails: C24, C25); its files and row commit with the account change, and the old picture's files
 * are removed afterwards.
 */
export async function updateProfile(
  deps: DomainDeps,
  userId: number,
  currentTokenId: number | null,
  patch: ProfilePatch,
): Promise<UserRow> {
  const update: UserUpdate = {};
  if (patch.username !== undefined) {
    const problem = usernameProblem(patch.username);
    if (problem) throw invalid(problem);
    update.username = patch.username;
    update.username_key = patch.username.toLowerCase();
  }
  if (patch.email !== undefined) {
    const problem = emailProblem(patch.email);
    if (problem) throw invalid(problem);
    update.email = patch.email;
    update.email_key = patch.email.toLowerCase();
  }
  for (const which of ['first', 'last'] as const) {
    const value = patch[`${which}_name`];
    if (value === undefined) continue;
    const problem = value ? nameProblem(which, value) : null;
    if (problem) throw invalid(problem);
    update[`${which}_name`] = value;
  }
  if (patch.password) {
    const problem = passwordProblem(patch.password);
    if (problem) throw invalid(problem);
    update.password_hash = await hashPassword(
      patch.password,
      deps.settings.scryptLogN,
      deps.runtime.hashSlots,
    );
  }
  if (Object.keys(update).length === 0 && patch.password === undefined && patch.profile === undefined)
    throw invalid('No data provided to update');

  const picture =
    patch.profile === undefined
      ? null
      : await prepareBase64Media(deps.media.limits, patch.profile, 'profile');
  const now = deps.now();
  update.updated_at = now;
  let replaced: Array<string | null> = [];
  try {
    // Each update steps the `profiles` sequence in its transaction: kept conversation pages show members' profiles.
    const write = <T>(work: (trx: Kysely<Database>) => Promise<T>) =>
      deps.db.transaction().execute(async (trx) => {
        const result = await work(trx);
        await advanceSequence(trx, 'profiles', 1);
        return result;
      });
    if (picture) {
      replaced = await commitWithFiles(deps, picture.files, () =>
        write((trx) => replacePicture(trx, userId, picture, update, now)),
      );
    } else {
      await write((trx) => trx.updateTable('users').set(update).where('id', '=', userId).execute());
    }
  } catch (error) {
    throw duplicateAccountError(error);
  }
  await releaseFiles(deps, replaced);
  if (update.password_hash) await revokeOtherTokens(deps, userId, currentTokenId);
  return getUser(deps, userId);
}

/** Sets the new picture with the rest of the update and drops the old picture's row; returns the old files. */
async function replacePicture(
  trx: Kysely<Database>,
  userId: number,
  picture: PreparedMedia,
  update: UserUpdate,
  now: number,
): Promise<Array<string | null>> {
  const old = await trx
    .selectFrom('users')
    .select(['profile', 'profile_thumb'])
    .where('id', '=', userId)
    .executeTakeFirst();
  const row = await insertMediaRow(trx, userId, picture, now, now);
  await trx
    .updateTable('users')
    .set({ ...update, profile: row.path, profile_thumb: row.thumb_path })
    .where('id', '=', userId)
    .execute();
  if (!old?.profile) return [];
  await trx
    .deleteFrom('media')
    .where('owner_id', '=', userId)
    .where('kind', '=', 'profile')
    .where('path', '=', old.profile)
    .where('id', '!=', row.id)
    .execute();
  return [old.profile, old.profile_thumb];
}

function duplicateAccountError(error: unknown): unknown {
  if (!isUniqueViolation(error)) return error;
  const key = violatedKey(error);
  if (key.includes('username')) return new DomainError('conflict', 'Username already exists');
  if (key.includes('email')) return new DomainError('conflict', 'Email already exists');
  return new DomainError('conflict', 'Duplicate entry detected');
}
