import { payloadSchema, type SharedSchemas } from './json-schema';
import { legacyCommandMessages, legacyFrameMessages } from './legacy-messages';
import type { DocumentedMessage } from './message';
import { streamControlMessages, streamEventMessages, streamRequestMessages } from './stream-messages';

/** The channels and the messages of each, by direction (the server's view: it receives commands, sends frames). */
export function documentedChannels() {
  return {
    legacySocket: { receive: legacyCommandMessages, send: legacyFrameMessages },
    eventStream: {
      receive: streamRequestMessages,
      send: [...streamControlMessages, ...streamEventMessages()],
    },
  };
}

const wsBinding = (query: Record<string, unknown>) => ({ ws: { query, bindingVersion: '0.1.0' } });

function channelMessages(messages: DocumentedMessage[], shared: SharedSchemas) {
  return Object.fromEntries(
    messages.map((message) => [
      message.name,
      {
        name: message.name,
        title: message.title,
        summary: message.summary,
        description: message.description,
        contentType: 'application/json',
        payload: payloadSchema(message.schema, message.io, shared),
        examples: message.examples,
      },
    ]),
  );
}

const refs = (channel: string, messages: DocumentedMessage[]) =>
  messages.map((message) => ({ $ref: `#/channels/${channel}/messages/${message.name}` }));

/**
 * The AsyncAPI 3 document of both sockets, generated from the zod schemas the code uses: the legacy frames
 * (legacy-ws/frame-schemas.ts) and the typed stream (`schemas.streamEventSchema`). Served at /asyncapi.json.
 */
export function buildAsyncApiDocument() {
  const shared: SharedSchemas = {};
  const { legacySocket, eventStream } = documentedChannels();
  const document = {
    asyncapi: '3.0.0',
    info: {
      title: 'ChatApp realtime events',
      version: '1.0.0',
      description:
        'The two sockets of a ChatApp server, described from the server\'s side ("receive": what a client sends, "send": what it gets). `/ws/global/` is the legacy socket of the Django service, frames unchanged (plus additions legacy clients ignore). `/trpc` carries the typed event stream `events.stream`: every event has a durable id, and a client that resubscribes with the last id it saw receives what it missed, exactly once. The same stream is available as server-sent events at `GET /trpc/events.stream` (`Authorization: Bearer`, `Last-Event-ID`). REST: /swagger.json.',
    },
    defaultContentType: 'application/json',
    servers: {
      chatapp: {
        host: 'localhost:8000',
        protocol: 'ws',
        description: 'The server itself: same host and port as the HTTP API (wss:// behind TLS)',
      },
    },
    channels: {
      legacySocket: {
        address: '/ws/global/',
        title: 'Legacy socket',
        description:
          'Connect with `?token=<token>` (from `POST /login/`); a missing or bad token is refused with HTTP 403 before the upgrade. Text frames of one JSON object each. Unknown command types are ignored; a refused, malformed or binary frame answers an error frame and the socket stays open. A revoked or expired token closes the socket with 4001.',
        servers: [{ $ref: '#/servers/chatapp' }],
        messages: {
          ...channelMessages(legacySocket.receive, shared),
          ...channelMessages(legacySocket.send, shared),
        },
        bindings: wsBinding({
          type: 'object',
          properties: { token: { type: 'string', description: 'The login token (64 hex characters)' } },
          required: ['token'],
        }),
      },
      eventStream: {
        address: '/trpc',
        title: 'Typed event stream (tRPC WebSocket)',
        description:
          "tRPC's WebSocket protocol; `@chatapp/client` speaks it for you (`listen`). Connect to `/trpc?connectionParams=1` and send the token first, then subscribe to `events.stream`. Every `data` frame's `result.id` is an event id.",
        servers: [{ $ref: '#/servers/chatapp' }],
        messages: {
          ...channelMessages(eventStream.receive, shared),
          ...channelMessages(eventStream.send, shared),
        },
        bindings: wsBinding({
          type: 'object',
          properties: {
            connectionParams: { type: 'string', enum: ['1'], description: 'A token frame comes first' },
          },
        }),
      },
    },
    operations: {
      legacyReceiveCommands: {
        action: 'receive',
        channel: { $ref: '#/channels/legacySocket' },
        title: 'Legacy commands',
        summary: 'What a legacy client sends',
        messages: refs('legacySocket', legacySocket.receive),
      },
      legacySendFrames: {
        action: 'send',
        channel: { $ref: '#/channels/legacySocket' },
        title: 'Legacy frames',
        summary: 'What the server pushes to a legacy client',
        messages: refs('legacySocket', legacySocket.send),
      },
      streamReceiveRequests: {
        action: 'receive',
        channel: { $ref: '#/channels/eventStream' },
        title: 'Stream requests',
        summary: 'Sign in, subscribe (or resume), stop',
        messages: refs('eventStream', eventStream.receive),
      },
      streamSendEvents: {
        action: 'send',
        channel: { $ref: '#/channels/eventStream' },
        title: 'Stream events',
        summary: 'Every event of the signed-in user, with its id',
        messages: refs('eventStream', eventStream.send),
      },
    },
    components: { schemas: shared },
  };
  return document;
}
