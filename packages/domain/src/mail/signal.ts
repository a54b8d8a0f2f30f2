/**
 * "Mail was committed": the services that queue mail ring it after their transaction commits, and this process's
 * sender wakes at once instead of waiting for its next poll (the poll is only for mail queued by other processes).
 * Part of the runtime: one per process.
 */
export class MailSignal {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Returns the function that stops listening. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
