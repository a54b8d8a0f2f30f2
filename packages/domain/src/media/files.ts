import type { DomainDeps } from '../deps';
import { isReferenced } from './references';

/** A file about to be stored, by its final (content-addressed) path. */
export interface StoredFile {
  path: string;
  data: Uint8Array;
}

/**
 * Stores files and commits the rows that reference them, so that neither exists without the other. Files are
 * written first, under their final names; then `transaction` runs. If anything fails, each file is deleted again
 * unless another row references it (the same bytes uploaded before share the file). After commit, a file removed
 * meanwhile by another process's cleanup is written again.
 */
export async function commitWithFiles<T>(
  deps: DomainDeps,
  files: readonly StoredFile[],
  transaction: () => Promise<T>,
): Promise<T> {
  const { storage } = deps.media;
  const paths = files.map((file) => file.path);
  return deps.runtime.mediaLocks.withPaths(paths, async () => {
    let result: T;
    try {
      await Promise.all(files.map((file) => storage.put(file.path, file.data)));
      result = await transaction();
    } catch (error) {
      await deleteUnreferenced(deps, paths).catch((cleanup: unknown) =>
        deps.runtime.log.error({ err: cleanup, paths }, 'media: could not clean up after a failed commit'),
      );
      throw error;
    }
    for (const file of files) {
      if (!(await storage.stat(file.path))) await storage.put(file.path, file.data);
    }
    return result;
  });
}

/**
 * Deletes the files that no row references any more, after the rows that used them were removed. Best effort: a
 * failure leaves a file behind (reported), never fails the change that was already committed.
 */
export async function releaseFiles(deps: DomainDeps, paths: ReadonlyArray<string | null>): Promise<void> {
  const present = paths.filter((path): path is string => Boolean(path));
  if (present.length === 0) return;
  await deps.runtime.mediaLocks
    .withPaths(present, () => deleteUnreferenced(deps, present))
    .catch((error: unknown) =>
      deps.runtime.log.error({ err: error, paths: present }, 'media: could not release files'),
    );
}

async function deleteUnreferenced(deps: DomainDeps, paths: readonly string[]): Promise<void> {
  for (const path of new Set(paths)) {
    if (!(await isReferenced(deps.db, path))) await deps.media.storage.delete(path);
  }
}
