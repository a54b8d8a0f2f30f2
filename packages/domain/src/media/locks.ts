import type { MediaStorage } from './storage';

const queues = new WeakMap<MediaStorage, Map<string, Promise<void>>>();

/**
 * Runs `task` while holding the given paths of one store, so that writing a file and committing its row cannot
 * interleave with checking that same file for references and deleting it (which would leave a row without its
 * file). In-process only: with several processes, `verifyFiles` after commit restores a file deleted meanwhile.
 * Paths are taken in sorted order, so two tasks never wait on each other in a cycle.
 */
export async function withPathLocks<T>(
  storage: MediaStorage,
  paths: readonly string[],
  task: () => Promise<T>,
): Promise<T> {
  let held = queues.get(storage);
  if (!held) {
    held = new Map();
    queues.set(storage, held);
  }
  const releases: Array<() => void> = [];
  try {
    for (const path of [...new Set(paths)].sort()) {
      const previous = held.get(path) ?? Promise.resolve();
      let release = () => {};
      const current = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => current);
      held.set(path, tail);
      releases.push(() => {
        release();
        if (held.get(path) === tail) held.delete(path);
      });
      await previous;
    }
    return await task();
  } finally {
    for (const release of releases) release();
  }
}
