import type { AppRouter } from '@chatapp/api';
import type { Database } from '@chatapp/db';
import type { TRPCClientError } from '@trpc/client';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { TestUser } from './accounts';
import { type FakeModelServer, startFakeModelServer } from './fake-model-server';
import { client, type TestClient } from './http';
import { startTestServer, type TestServer } from './server';
import { trpcSocket } from './trpc';

/** The environment that points a test server's assistant at a fake model server, with short limits. */
export function assistantEnv(fake: FakeModelServer, overrides: Record<string, string> = {}) {
  return {
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_API_KEY: 'test-key',
    AI_MODEL: 'test-model',
    AI_SYSTEM_PROMPT: 'You are a test assistant.',
    AI_TIMEOUT_MS: '1000',
    AI_MAX_RETRIES: '0',
    AI_MAX_REPLY_TOKENS: '77',
    AI_HISTORY_MESSAGES: '4',
    AI_HISTORY_CHARS: '300',
    AI_REQUESTS_PER_MINUTE: '5',
    ...overrides,
  };
}

/** A test server whose assistant talks to its own fake model server. */
export interface AssistantServer {
  fake: FakeModelServer;
  server: TestServer;
  api: TestClient;
  close(): Promise<void>;
}

async function startAssistantServer(overrides: Record<string, string> = {}): Promise<AssistantServer> {
  const fake = await startFakeModelServer();
  const server = await startTestServer(assistantEnv(fake, overrides));
  return {
    fake,
    server,
    api: client(server.baseUrl),
    async close() {
      await server.close();
      await fake.close();
    },
  };
}

/**
 * One assistant server for the calling file or block: started before its tests, closed after them; its parts are
 * read through the returned object once it has started.
 */
export function sharedAssistantServer(
  overrides: Record<string, string> = {},
): Omit<AssistantServer, 'close'> {
  let running: AssistantServer | undefined;
  beforeAll(async () => {
    running = await startAssistantServer(overrides);
  });
  afterAll(() => running?.close());
  const current = () => {
    if (!running) throw new Error('the assistant server has not started');
    return running;
  };
  return {
    get fake() {
      return current().fake;
    },
    get server() {
      return current().server;
    },
    get api() {
      return current().api;
    },
  };
}

/** Asks through REST v1 for a reply streamed as server-sent events; the response, unread. */
export function askOverSse(baseUrl: string, user: TestUser, message: string): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/assistant/messages`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${user.token}`,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify({ message }),
  });
}

/** The messages stored in a conversation, oldest first, as the database holds them. */
export function storedMessages(db: Kysely<Database>, conversationId: number) {
  return db
    .selectFrom('messages')
    .select(['id', 'sender_id', 'body'])
    .where('conversation_id', '=', conversationId)
    .orderBy('id')
    .execute();
}

export type StreamEvent =
  | { type: 'question'; message: { id: number; body: string } }
  | { type: 'delta'; text: string }
  | { type: 'reply'; message: { id: number; body: string; sender_id: number } };

/**
 * Asks through the `assistant.stream` subscription over a WebSocket and records what arrives. `done` settles
 * with the events once the reply came, or rejects with the subscription's error.
 */
export function askStreaming(port: number, user: TestUser, message: string, conversationId?: number) {
  const socket = trpcSocket(port, user.token);
  const events: StreamEvent[] = [];
  let firstDelta: () => void = () => undefined;
  const deltaArrived = new Promise<void>((resolve) => {
    firstDelta = resolve;
  });
  let subscription: { unsubscribe(): void } | undefined;
  const done = new Promise<StreamEvent[]>((resolve, reject) => {
    subscription = socket.client.assistant.stream.subscribe(
      conversationId === undefined ? { message } : { message, conversation_id: conversationId },
      {
        onData(event) {
          events.push(event as StreamEvent);
          if (event.type === 'delta') firstDelta();
          if (event.type === 'reply') resolve(events);
        },
        onError: (error: TRPCClientError<AppRouter>) => reject(error),
      },
    );
  });
  done.catch(() => undefined);
  return {
    events,
    done,
    deltaArrived,
    /** Stops listening and closes the socket, as a client that goes away. */
    leave() {
      subscription?.unsubscribe();
      socket.close();
    },
  };
}

/** Polls until `check` holds (for work that finishes after the answer that started it). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('The condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
