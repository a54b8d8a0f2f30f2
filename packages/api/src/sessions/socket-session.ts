import { accounts, conversations, type DomainDeps, events, type realtime } from '@chatapp/domain';
import { type ApiContext, createSocketContext, type LiveConnection } from '../context';
import { TokenBucket } from './token-bucket';

/** Everything but the connections' own signal (`sessions.revoked`), which no client is sent. */
function isClientDelivery(
  delivery: realtime.Delivery<events.HubEvent>,
): delivery is realtime.Delivery<events.RealtimeEvent> {
  return delivery.event.type !== 'sessions.revoked';
}

/** Close code for a token that stopped being valid while its connection was open (4000–4999: application codes). */
export const CLOSE_UNAUTHORIZED = 4001;
/** How often a signed-in session re-checks its token (logout, expiry, password change). */
const REVALIDATE_MS = 60_000;

/** What a session needs of its connection (a CoalescingWebSocket has both). */
export interface SessionTransport {
  /** Ends the connection with a close frame whose code tells the client why. */
  close(code: number, reason: string): void;
  /** Cuts the connection once more than `maxBufferedBytes` wait unsent: the peer is too slow to keep up. */
  boundOutput(maxBufferedBytes: number): void;
}

export interface SessionLimits {
  /** Sustained client→server frames per second, and the burst allowed above it. */
  framesPerSecond: number;
  burst: number;
  /** A connection whose unsent output exceeds this is too slow to keep up and is cut. */
  maxBufferedBytes: number;
}

/** The request that opened the connection, as its procedures see it. */
export interface SessionRequest {
  userAgent: string | null;
  /** Absolute URL of `/media/` for this client (see ApiContext.mediaBaseUrl). */
  mediaBaseUrl: string;
  /** The client's address (see ApiContext.clientAddress). */
  clientAddress?: string | null;
}

/**
 * One client connection, the same whichever socket carries it: the legacy `/ws/global/` socket, the tRPC socket, or
 * an event stream over HTTP (a connection of its own). The transports only translate frames; the session does the
 * rest, in the order a connection lives:
 * - authentication (`signIn`), then a re-check of the token every minute, and at once when the user's tokens are
 *   revoked (sign out, sign out everywhere, a password change), closing with 4001 once it is revoked or expired;
 * - limits: the client's frame rate (`takeFrame`: the transport decides what a frame over the rate costs) and the
 *   bound on unsent output (applied to the transport);
 * - listening to the signed-in user's events; while it listens the connection counts toward the user's presence
 *   (a legacy socket for its whole life, a tRPC socket while it has an event stream open), so presence counts
 *   connections of every kind, and a user's own "online" reaches the listener that caused it;
 * - delivery acks for the messages its transport pushed (`pushed`).
 */
export class SocketSession implements LiveConnection {
  private user: { id: number; token: string } | null = null;
  private ctx: ApiContext;
  private readonly bucket: TokenBucket;
  /** Stops each hub listener registered through `listen`. */
  private readonly listening = new Set<() => void>();
  private presence: realtime.PresenceHold | null = null;
  private revalidateTimer: NodeJS.Timeout | undefined;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly deps: DomainDeps,
    private readonly transport: SessionTransport,
    limits: SessionLimits,
    private readonly request: SessionRequest,
  ) {
    this.bucket = new TokenBucket(limits.framesPerSecond, limits.burst);
    transport.boundOutput(limits.maxBufferedBytes);
    this.ctx = this.contextFor(null);
  }

  get userId(): number | null {
    return this.user?.id ?? null;
  }

  /**
   * The procedure context of this connection: one for its whole life, so it may keep the resolved session for a
   * few seconds (see createSocketContext). Its `connection` is this session.
   */
  get context(): ApiContext {
    return this.ctx;
  }

  /**
   * Signs the connection in with `token`, checked now unless the transport checked it before accepting the socket
   * (`checked`). Returns false, and stays signed out, for a missing or invalid token: its procedures then answer
   * UNAUTHORIZED where they need a user.
   */
  async signIn(token: string | null, checked?: accounts.Session): Promise<boolean> {
    const account = checked ?? (token ? await accounts.authenticate(this.deps, token) : null);
    this.ctx = this.contextFor(token);
    if (!token || !account || this.closed) return false;
    this.user = { id: account.user.id, token };
    this.revalidateTimer = setInterval(() => void this.revalidate(token), REVALIDATE_MS);
    this.revalidateTimer.unref();
    return true;
  }

  /** Counts one frame from the client; false once it is above its rate. */
  takeFrame(): boolean {
    return this.bucket.take();
  }

  listen(listener: realtime.DeliveryListener<events.RealtimeEvent>): () => Promise<void> {
    const user = this.user;
    if (!user || this.closed) throw new Error('Only an open, signed-in session listens');
    const stop = this.deps.runtime.hub.listen(user.id, (delivery, shared) => {
      if (isClientDelivery(delivery)) listener(delivery, shared);
      else void this.revalidate(user.token);
    });
    this.listening.add(stop);
    // Held from the first listener on, taken after it listens: the user's own "online" reaches it.
    this.presence ??= events.holdPresence(this.deps, user.id);
    let stopped: Promise<void> | undefined;
    return () => {
      stopped ??= this.stopListening(stop);
      return stopped;
    };
  }

  /** Settles once the connection counts toward its user's presence (at once if it does not listen). */
  counted(): Promise<void> {
    return this.presence?.counted ?? Promise.resolve();
  }

  pushed(event: events.RealtimeEvent): void {
    if (event.type === 'message.created' && this.user) {
      conversations.acknowledgeDelivery(this.deps, this.user.id, event);
    }
  }

  /** Ends the session once, however the connection ended: every caller waits for its presence release. */
  close(): Promise<void> {
    this.closed ??= this.closeOnce();
    return this.closed;
  }

  private async closeOnce(): Promise<void> {
    clearInterval(this.revalidateTimer);
    for (const stop of this.listening) stop();
    this.listening.clear();
    await this.releasePresence();
  }

  private async stopListening(stop: () => void): Promise<void> {
    stop();
    this.listening.delete(stop);
    if (this.listening.size === 0) await this.releasePresence();
  }

  private async releasePresence(): Promise<void> {
    const presence = this.presence;
    this.presence = null;
    await presence?.release();
  }

  private async revalidate(token: string): Promise<void> {
    try {
      if (!(await accounts.authenticate(this.deps, token))) {
        this.transport.close(CLOSE_UNAUTHORIZED, 'token revoked or expired');
      }
    } catch (error) {
      // The check itself failed (the database is away): the connection stays, the next check decides.
      this.deps.runtime.log.error({ err: error }, 'session revalidation failed');
    }
  }

  private contextFor(token: string | null): ApiContext {
    // The resolved session is not put in the context's cache: an idle socket should not hold its account row (the
    // first procedure call resolves and caches it, as it always has).
    const ctx = createSocketContext(this.deps, token, this.request.userAgent, this.request.mediaBaseUrl);
    return { ...ctx, clientAddress: this.request.clientAddress ?? null, connection: this };
  }
}
