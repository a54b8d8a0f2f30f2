import { TRPCClientError } from '@trpc/client';
import type { ChatClient } from './client';
import type { StreamEvent } from './types';

export interface ListenOptions {
  /**
   * Every event, in order, with its id (keep the id to resume from it in a later run). A `resync` event means the
   * server could not replay what was missed (older than its journal keeps, or an id it never issued): reload the
   * state you keep from the API; the events after it are live ones.
   */
  onEvent(event: StreamEvent, id: string): void;
  /**
   * The server has subscribed this listener (and after a reconnect, again): events from now on reach it. A fresh
   * listener without `lastEventId` hears only what happens after this.
   */
  onStarted?: () => void;
  /**
   * Resume after this event id: the server first replays everything after it, exactly once (or, when its journal no
   * longer holds that, sends one `resync` event).
   */
  lastEventId?: string;
  /**
   * The server refused the token (expired, revoked, or signed out elsewhere). Put a fresh token in place (the
   * client's `token` function returns it) and return true to resume from the last event; false stops listening.
   * Without it, the listener stops and `onError` is called.
   */
  onUnauthorized?: () => boolean | Promise<boolean>;
  /** The stream ended on an error it cannot recover from (not a dropped socket: that reconnects by itself). */
  onError?: (error: unknown) => void;
}

export interface EventListener {
  /** The id of the last event received, to resume from it later. */
  readonly lastEventId: string | undefined;
  stop(): void;
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';
}

/**
 * Listens to the signed-in user's events (`events.stream`). A dropped socket reconnects with backoff and resumes
 * after the last event id it saw, so nothing is lost or doubled (tRPC's WebSocket client resends the id; the
 * server replays from its journal). What a reconnect alone cannot fix is a token the server no longer accepts:
 * that ends the subscription, and `onUnauthorized` decides whether to resume with a new one. Nor can a resume from
 * before the server's journal retention: the server sends a `resync` event instead, passed to `onEvent` like any.
 */
export function listen(client: ChatClient, options: ListenOptions): EventListener {
  let lastEventId = options.lastEventId;
  let stopped = false;
  let unsubscribe: () => void = () => {};

  const subscribe = () => {
    const subscription = client.api.events.stream.subscribe(lastEventId ? { lastEventId } : undefined, {
      onData: ({ id, data }) => {
        lastEventId = id;
        options.onEvent(data, id);
      },
      onStarted: () => options.onStarted?.(),
      onError: (error) => void recover(error),
    });
    unsubscribe = () => subscription.unsubscribe();
  };

  const recover = async (error: unknown) => {
    if (stopped) return;
    if (isUnauthorized(error) && options.onUnauthorized && (await options.onUnauthorized())) {
      if (stopped) return;
      // The socket signed in with the old token when it opened: a new one signs in with the new token.
      await client.reconnect();
      subscribe();
      return;
    }
    stopped = true;
    options.onError?.(error);
  };

  subscribe();
  return {
    get lastEventId() {
      return lastEventId;
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
