import { ExternalStore } from '../../lib/external-store';

/** Who is typing where: conversation id → user id → when the signal expires (epoch ms). */
type Typing = ReadonlyMap<number, ReadonlyMap<number, number>>;

/** Typing signals from the stream; each expires on its own unless renewed, and a message from its sender ends it. */
export class TypingStore {
  readonly store = new ExternalStore<Typing>(new Map());
  private timer: ReturnType<typeof setTimeout> | undefined;

  typing(conversationId: number, userId: number, expiresAt: number): void {
    this.edit(conversationId, (users) => users.set(userId, expiresAt));
    this.schedule();
  }

  stopped(conversationId: number, userId: number): void {
    if (!this.store.get().get(conversationId)?.has(userId)) return;
    this.edit(conversationId, (users) => users.delete(userId));
  }

  close(): void {
    clearTimeout(this.timer);
  }

  private edit(conversationId: number, change: (users: Map<number, number>) => void): void {
    const next = new Map(this.store.get());
    const users = new Map(next.get(conversationId));
    change(users);
    if (users.size === 0) next.delete(conversationId);
    else next.set(conversationId, users);
    this.store.set(next);
  }

  /** One timer for the soonest expiry. */
  private schedule(): void {
    clearTimeout(this.timer);
    let soonest = Number.POSITIVE_INFINITY;
    for (const users of this.store.get().values())
      for (const at of users.values()) soonest = Math.min(soonest, at);
    if (soonest === Number.POSITIVE_INFINITY) return;
    this.timer = setTimeout(() => this.expire(), Math.max(0, soonest - Date.now()) + 50);
  }

  private expire(): void {
    const now = Date.now();
    const next = new Map<number, ReadonlyMap<number, number>>();
    for (const [conversationId, users] of this.store.get()) {
      const live = new Map([...users].filter(([, at]) => at > now));
      if (live.size > 0) next.set(conversationId, live);
    }
    this.store.set(next);
    this.schedule();
  }
}
