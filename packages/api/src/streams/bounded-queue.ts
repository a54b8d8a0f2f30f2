/**
 * A bounded async queue between a push source (the realtime hub) and an async generator (a subscription). When
 * the consumer falls more than `capacity` items behind, the queue fails instead of growing: the client reconnects
 * with its last event id and catches up from the journal.
 */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private waiting: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.failure) return;
    if (this.items.length >= this.capacity) {
      this.failure = new Error('subscriber too slow: reconnect to resume');
    } else {
      this.items.push(item);
    }
    this.wake();
  }

  private wake(): void {
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.();
  }

  async *drain(signal: AbortSignal | undefined): AsyncGenerator<T> {
    const onAbort = () => this.wake();
    signal?.addEventListener('abort', onAbort);
    try {
      while (!signal?.aborted) {
        const item = this.items.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (this.failure) throw this.failure;
        await new Promise<void>((resolve) => {
          this.waiting = resolve;
        });
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
