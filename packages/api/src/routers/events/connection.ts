import type { accounts } from '@chatapp/domain';
import type { ApiContext, LiveConnection } from '../../context';
import { type SessionTransport, SocketSession } from '../../sessions/socket-session';

/** No frames come from a stream's client, and its output is the HTTP response's: nothing for a session to bound. */
const HTTP_STREAM_LIMITS = {
  framesPerSecond: 0,
  burst: 0,
  maxBufferedBytes: Number.POSITIVE_INFINITY,
};

/** The connection an event stream runs on, the signal that ends it, and how to let go of it. */
export interface StreamConnection {
  connection: LiveConnection;
  signal: AbortSignal;
  release(): Promise<void>;
}

/**
 * A stream on a socket runs on that socket's session. A stream over HTTP (server-sent events) is a connection of
 * its own: it opens a session for as long as it runs, which ends it if the token stops being valid.
 */
export async function streamConnection(
  ctx: ApiContext & { session: accounts.Session },
  signal: AbortSignal | undefined,
): Promise<StreamConnection> {
  const socket = ctx.connection;
  if (socket && socket.userId === ctx.session.user.id) {
    return { connection: socket, signal: signal ?? new AbortController().signal, release: async () => {} };
  }
  const ended = new AbortController();
  signal?.addEventListener('abort', () => ended.abort(), { once: true });
  const transport: SessionTransport = { close: () => ended.abort(), boundOutput: () => {} };
  const session = new SocketSession(ctx.deps, transport, HTTP_STREAM_LIMITS, {
    userAgent: ctx.userAgent,
    mediaBaseUrl: ctx.mediaBaseUrl,
  });
  await session.signIn(ctx.token, ctx.session);
  return { connection: session, signal: ended.signal, release: () => session.close() };
}
