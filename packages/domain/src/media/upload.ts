import type { DomainDeps } from '../deps';
import { commitWithFiles } from './files';
import { prepareMedia } from './prepare';
import { insertMediaRow } from './rows';
import { type MediaSummary, toMediaSummary } from './types';

/**
 * A direct upload (v1): the content decides whether it is an image or audio. The stored media belongs to the
 * uploader and waits, unattached, until a message of theirs uses its id.
 */
export async function uploadMedia(deps: DomainDeps, ownerId: number, bytes: Buffer): Promise<MediaSummary> {
  const prepared = await prepareMedia(deps.media.limits, bytes, 'upload');
  const row = await commitWithFiles(deps, prepared.files, () =>
    deps.db.transaction().execute((trx) => insertMediaRow(trx, ownerId, prepared, deps.now(), null)),
  );
  return toMediaSummary(row);
}
