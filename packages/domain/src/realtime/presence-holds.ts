import type { Log } from '@chatapp/db';

/** One connection's share of its user's presence: counted when taken, released once. */
export interface PresenceHold {
  /** Settles once the connection counts (and its user's "online" went out, if it was their first). */
  readonly counted: Promise<void>;
  /** Releases the hold (after it has counted); every later call returns the same promise. */
  release(): Promise<void>;
}

/**
 * The presence holds of this process's open connections (legacy sockets, tRPC sockets, event streams). Shutdown
 * releases those still open, so that their users go offline (and get their last seen time) before presence and the
 * database close.
 */
export class PresenceHolds {
  private readonly open = new Set<PresenceHold>();

  constructor(private readonly log: Log) {}

  /**
   * Takes a hold: `connect` now, `disconnect` once on release, after `connect` has finished. Failures are logged,
   * never thrown: presence must not end a connection.
   */
  take(connect: () => Promise<void>, disconnect: () => Promise<void>): PresenceHold {
    const counted = connect().catch((error: unknown) => {
      this.log.error({ err: error }, 'presence connect failed');
    });
    let released: Promise<void> | undefined;
    const hold: PresenceHold = {
      counted,
      release: () => {
        released ??= (async () => {
          await counted;
          await disconnect().catch((error: unknown) => {
            this.log.error({ err: error }, 'presence release failed');
          });
          this.open.delete(hold);
        })();
        return released;
      },
    };
    this.open.add(hold);
    return hold;
  }

  /** Releases every hold still open and waits for those already being released. */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.open].map((hold) => hold.release()));
  }
}
