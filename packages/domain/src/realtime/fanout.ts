/**
 * Local delivery: an index user id → listeners (one per socket or subscription on this process). A delivery
 * reaches every listener of every recipient, whichever socket caused it and whether or not it "joined".
 */
export interface Delivery<TEvent = unknown> {
  /** Durable, monotonic id from the event journal; null for ephemeral events (presence, typing). */
  id: number | null;
  recipients: number[];
  /** Deliver to every listener on every process (e.g. "a new user exists"), ignoring `recipients`. */
  broadcast?: boolean;
  event: TEvent;
}

export type DeliveryListener<TEvent = unknown> = (delivery: Delivery<TEvent>) => void;

export class LocalFanout<TEvent> {
  private readonly listeners = new Map<number, Set<DeliveryListener<TEvent>>>();
  private readonly observers = new Set<DeliveryListener<TEvent>>();

  /** `observer` sees every delivery first, whoever its recipients are (see RealtimeHub.observe). */
  observe(observer: DeliveryListener<TEvent>): () => void {
    this.observers.add(observer);
    return () => void this.observers.delete(observer);
  }

  listen(userId: number, listener: DeliveryListener<TEvent>): () => void {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(userId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(userId);
    };
  }

  deliver(delivery: Delivery<TEvent>): void {
    for (const observer of this.observers) observer(delivery);
    const users = delivery.broadcast ? this.listeners.keys() : new Set(delivery.recipients);
    for (const userId of users) {
      const set = this.listeners.get(userId);
      if (!set) continue;
      for (const listener of set) {
        try {
          listener(delivery);
        } catch (error) {
          // One broken socket must not stop delivery to the others.
          console.error('realtime listener failed', error);
        }
      }
    }
  }

  /** Users with at least one listener on this process. */
  localUsers(): number[] {
    return [...this.listeners.keys()];
  }
}

/**
 * Per-delivery memo, so a frame is serialized once per broadcast and not once per recipient socket.
 */
const memos = new WeakMap<object, Map<string, unknown>>();

export function memoize<T>(delivery: Delivery<unknown>, key: string, compute: () => T): T {
  let memo = memos.get(delivery);
  if (!memo) {
    memo = new Map();
    memos.set(delivery, memo);
  }
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}
