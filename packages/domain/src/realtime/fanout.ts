import { type Log, silentLog } from '@chatapp/db';

/**
 * Local delivery: an index user id → listeners (one per socket or subscription on this process). A delivery
 * reaches every listener of every recipient, whichever socket caused it and whether or not it "joined".
 */
export interface Delivery<TEvent = unknown> {
  /** Durable, monotonic id from the event journal; null for ephemeral events (presence, typing). */
  id: number | null;
  recipients: number[];
  event: TEvent;
}

/** Hears deliveries; `shared` is the same object for every listener of one delivery on this process. */
export type DeliveryListener<TEvent = unknown> = (delivery: Delivery<TEvent>, shared: SharedFrames) => void;

/** Sees every delivery first, whoever its recipients are (see RealtimeHub.observe). */
export type DeliveryObserver<TEvent = unknown> = (delivery: Delivery<TEvent>) => void;

/**
 * What the listeners of one delivery share: a frame is serialized once per broadcast, not once per recipient
 * socket. Made by the fan-out for each delivery and dropped with it.
 */
export class SharedFrames {
  private built: Map<string, unknown> | undefined;

  /** The value built under `key` for this delivery, built by `build` on the first call. */
  get<T>(key: string, build: () => T): T {
    this.built ??= new Map();
    if (!this.built.has(key)) this.built.set(key, build());
    return this.built.get(key) as T;
  }
}

export class LocalFanout<TEvent> {
  private readonly listeners = new Map<number, Set<DeliveryListener<TEvent>>>();
  private readonly observers = new Set<DeliveryObserver<TEvent>>();

  constructor(private readonly log: Log = silentLog) {}

  observe(observer: DeliveryObserver<TEvent>): () => void {
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
    // Only the recipients' listeners: nothing is sent to every socket, so no event costs work per open socket.
    const users = new Set(delivery.recipients);
    const shared = new SharedFrames();
    for (const userId of users) {
      const set = this.listeners.get(userId);
      if (!set) continue;
      for (const listener of set) {
        try {
          listener(delivery, shared);
        } catch (error) {
          // One broken socket must not stop delivery to the others.
          this.log.error({ err: error }, 'realtime listener failed');
        }
      }
    }
  }

  /** Users with at least one listener on this process. */
  localUsers(): number[] {
    return [...this.listeners.keys()];
  }
}
