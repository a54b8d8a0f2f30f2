import { type Database, insertedId } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { conflict, DomainError, notFound } from '../errors';
import type { PreparedMedia } from './prepare';
import type { MediaKind, MediaRow } from './types';

export const MEDIA_NOT_FOUND = 'Media not found';

/** Inserts the row of prepared media; `attachedAt` is null for an upload that waits to be used. */
export async function insertMediaRow(
  trx: Kysely<Database>,
  ownerId: number,
  media: PreparedMedia,
  now: number,
  attachedAt: number | null,
): Promise<MediaRow> {
  const values = {
    owner_id: ownerId,
    kind: media.kind,
    mime: media.mime,
    path: media.path,
    thumb_path: media.thumbPath,
    size_bytes: media.sizeBytes,
    width: media.width,
    height: media.height,
    sha256: media.sha256,
    created_at: now,
    attached_at: attachedAt,
  };
  const result = await trx.insertInto('media').values(values).executeTakeFirstOrThrow();
  return { id: insertedId(result), ...values };
}

/**
 * Takes one of the owner's unused uploads for a message of `kind`. Someone else's upload reads as missing. The
 * conditional update is what makes "unused" hold under concurrency: of two sends racing for one upload, exactly
 * one changes the row.
 */
export async function claimUpload(
  trx: Kysely<Database>,
  ownerId: number,
  mediaId: number,
  kind: MediaKind,
  now: number,
): Promise<MediaRow> {
  const row = await trx
    .selectFrom('media')
    .selectAll()
    .where('id', '=', mediaId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!row) throw notFound(MEDIA_NOT_FOUND);
  if (row.kind !== kind) {
    throw new DomainError('invalid', `media_id ${mediaId} is ${row.kind} media, not ${kind}`);
  }
  const claimed = await trx
    .updateTable('media')
    .set({ attached_at: now })
    .where('id', '=', mediaId)
    .where('attached_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) throw conflict('This media is already attached to a message');
  return { ...row, attached_at: now };
}
