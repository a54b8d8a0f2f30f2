/**
 * Who is online. Each process counts its own sockets per user; a user is online while any process has one.
 * `connect`/`disconnect` report whether the user's global state flipped, so that the caller publishes exactly
 * one presence event per change.
 */
export interface PresenceTracker {
  connect(userId: number): Promise<boolean>;
  disconnect(userId: number): Promise<boolean>;
  onlineAmong(userIds: readonly number[]): Promise<Set<number>>;
  /** Users whose last process vanished without saying so (its heartbeat expired); called periodically. */
  sweep(): Promise<number[]>;
  close(): Promise<void>;
}

export function createLocalPresence(): PresenceTracker {
  const sockets = new Map<number, number>();
  return {
    async connect(userId) {
      const count = (sockets.get(userId) ?? 0) + 1;
      sockets.set(userId, count);
      return count === 1;
    },
    async disconnect(userId) {
      const count = (sockets.get(userId) ?? 0) - 1;
      if (count > 0) {
        sockets.set(userId, count);
        return false;
      }
      const wasOnline = sockets.delete(userId);
      return wasOnline;
    },
    async onlineAmong(userIds) {
      return new Set(userIds.filter((id) => sockets.has(id)));
    },
    async sweep() {
      return [];
    },
    async close() {
      sockets.clear();
    },
  };
}
