import { DomainError } from '../errors';

/**
 * A small queue in front of libuv's thread pool for password hashes (one per runtime). scrypt is the most
 * expensive work we do (~250 ms of CPU at N=2^15) and runs on the pool's 4 threads, which file reads, DNS and
 * zlib share: with every thread hashing, those would wait behind the hashes. Here at most `concurrency` hashes
 * run at once; the rest wait in order, and past `maxWaiting` a hash is refused at once (429) rather than
 * queued for seconds.
 */
export class HashSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    private readonly maxWaiting = 64,
  ) {}

  async run<T>(hash: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new DomainError('rate_limited', 'Too many sign-ins in progress; try again in 1 s', 1000);
      }
      // The slot is handed over by the finishing hash (below), so `running` already counts this one.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await hash();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
