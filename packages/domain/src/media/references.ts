import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { isContentAddressed } from './storage';

/**
 * Whether any row still points at a file. Every file we write is referenced through a `media` row (messages and
 * profiles copy its path), so one indexed lookup answers for those. Files of the legacy service have no media row:
 * for them the profile and message columns that hold legacy paths are searched too.
 */
export async function isReferenced(db: Kysely<Database>, path: string): Promise<boolean> {
  const media = await db
    .selectFrom('media')
    .select('id')
    .where((eb) => eb.or([eb('path', '=', path), eb('thumb_path', '=', path)]))
    .limit(1)
    .executeTakeFirst();
  if (media) return true;
  if (isContentAddressed(path)) return false;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('profile', '=', path), eb('profile_thumb', '=', path)]))
    .limit(1)
    .executeTakeFirst();
  if (user) return true;
  const message = await db
    .selectFrom('messages')
    .select('id')
    .where('media_url', '=', path)
    .limit(1)
    .executeTakeFirst();
  return message !== undefined;
}
