import type { accounts, DomainDeps, events, realtime } from '@chatapp/domain';

/**
 * What every procedure sees. Transports fill it: the token from `Authorization` (HTTP), `?token=` (legacy WS) or
 * `connectionParams` (tRPC WS). The session itself is resolved lazily by `protectedProcedure`.
 */
export interface ApiContext {
  deps: DomainDeps;
  token: string | null;
  userAgent: string | null;
  /**
   * The client's address, which sign-in and sign-up are limited by: the socket's remote address, or the first
   * X-Forwarded-For hop behind a trusted proxy (TRUST_PROXY). Null where there is none (in-process callers).
   */
  clientAddress?: string | null;
  /**
   * Lists show other users' email addresses (the legacy transports' shapes, per LEGACY_SHOW_EMAILS). Unset
   * everywhere else: a user's address is shown to them alone (S26; accounts.visibleEmail).
   */
  showsOthersEmails?: boolean;
  /**
   * Absolute URL of `/media/` for this request (PUBLIC_URL, or the request's own origin): v1 answers carry absolute
   * media URLs built on it. Transports that cannot know the origin leave the root-relative `/media/`.
   */
  mediaBaseUrl: string;
  /**
   * The origin links in mail point to when PUBLIC_URL is not set: the address this server was reached on (never a
   * client's Host header, which an inviter could point anywhere). Absent outside HTTP.
   */
  linkOrigin?: string;
  /**
   * Sockets carry one context for their whole life: they may keep the resolved session for a few seconds instead
   * of re-reading it for every frame. HTTP contexts (one per request) leave this unset.
   */
  sessionCache?: SessionCache;
  /** The connection a socket's procedures run on (its SocketSession); absent over HTTP. */
  connection?: LiveConnection;
}

/**
 * A signed-in client's live connection, as the event stream uses it: it hears the user's events while any listener
 * is registered (and counts toward their presence meanwhile), and acknowledges what its transport pushed.
 */
export interface LiveConnection {
  /** The signed-in user; null while signed out (no token, or an invalid one). */
  readonly userId: number | null;
  /** Hears every delivery for the user until the returned function is called (which resolves once released). */
  listen(listener: realtime.DeliveryListener<events.RealtimeEvent>): () => Promise<void>;
  /** The transport has pushed `event` to its client (a new message is then acknowledged as delivered). */
  pushed(event: events.RealtimeEvent): void;
}

export interface SessionCache {
  ttlMs: number;
  session?: accounts.Session;
  until?: number;
}

/** How long a socket may reuse its session: a revoked or expired token stops working within this time. */
export const SOCKET_SESSION_TTL_MS = 5_000;

export function createApiContext(
  deps: DomainDeps,
  token: string | null,
  userAgent: string | null = null,
  mediaBaseUrl = '/media/',
): ApiContext {
  return { deps, token, userAgent, mediaBaseUrl };
}

/** The context of a WebSocket connection: like an HTTP one, plus a short-lived session cache. */
export function createSocketContext(
  deps: DomainDeps,
  token: string | null,
  userAgent: string | null = null,
  mediaBaseUrl = '/media/',
): ApiContext {
  return {
    ...createApiContext(deps, token, userAgent, mediaBaseUrl),
    sessionCache: { ttlMs: SOCKET_SESSION_TTL_MS },
  };
}
