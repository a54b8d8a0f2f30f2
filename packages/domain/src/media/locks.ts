/**
 * Locks on the paths of one media store, so that writing a file and committing its row cannot interleave with
 * checking that same file for references and deleting it (which would leave a row without its file). In-process
 * only: with several processes, `verifyFiles` after commit restores a file deleted meanwhile. One per process (the
 * runtime's `mediaLocks`).
 */
export class PathLocks {
  /** Per path, the tail of its queue: the promise the next task on it waits for. */
  private readonly held = new Map<string, Promise<void>>();

  /** Runs `task` while holding `paths`, taken in sorted order so that two tasks never wait on each other in a cycle. */
  async withPaths<T>(paths: readonly string[], task: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    try {
      for (const path of [...new Set(paths)].sort()) {
        const previous = this.held.get(path) ?? Promise.resolve();
        let release = () => {};
        const current = new Promise<void>((resolve) => {
          release = resolve;
        });
        const tail = previous.then(() => current);
        this.held.set(path, tail);
        releases.push(() => {
          release();
          if (this.held.get(path) === tail) this.held.delete(path);
        });
        await previous;
      }
      return await task();
    } finally {
      for (const release of releases) release();
    }
  }
}
