import { schemas } from '@chatapp/api';
import { z } from 'zod';
import { type DocumentedMessage, documented } from './message';

type EventType = schemas.StreamEvent['type'];

const message = {
  id: 8,
  conversation_id: 1,
  sender_id: 1,
  type: 'text',
  body: 'hi bob',
  media_url: null,
  media: null,
  status: 'active',
  is_edited: false,
  client_message_id: null,
  created_at: '2026-11-24T11:10:55.407Z',
  updated_at: '2026-11-24T11:10:55.407Z',
  deleted_at: null,
  sender: { id: 1, username: 'alicia', first_name: 'Alicia', last_name: "O'Neil", profile: null },
};

/**
 * Words and an example for every event type; a `Record` over the union, so a new event type does not compile
 * until it is documented.
 */
const eventDocs: Record<EventType, { summary: string; description: string; example: schemas.StreamEvent }> = {
  'message.created': {
    summary: 'A message was sent',
    description:
      "To every member, the sender included (match `client_message_id` to replace one's pending copy).",
    example: {
      type: 'message.created',
      message: message as schemas.MessageDto,
      conversation_title: 'New Chat',
    },
  },
  'message.edited': {
    summary: 'A message was edited',
    description: 'The message as it now reads (`is_edited: true`).',
    example: {
      type: 'message.edited',
      message: { ...(message as schemas.MessageDto), body: 'hi Bob', is_edited: true },
      conversation_title: 'New Chat',
    },
  },
  'message.deleted': {
    summary: 'A message was deleted for everyone',
    description: '`status: "delete"`, the body empty and the media gone; keep its place in the history.',
    example: {
      type: 'message.deleted',
      message: {
        ...(message as schemas.MessageDto),
        body: '',
        status: 'delete',
        deleted_at: '2026-11-24T11:12:00.000Z',
      },
      conversation_title: 'New Chat',
    },
  },
  'conversation.changed': {
    summary: 'A conversation was created, renamed, muted, or its members changed',
    description: 'Re-read it with `conversations.get` (a member who left no longer can).',
    example: { type: 'conversation.changed', conversation_id: 3, member_ids: [1, 2, 5] },
  },
  presence: {
    summary: 'A contact came online or went offline',
    description:
      'Only for users who share a conversation with you. Not journaled: after a resume, re-read `users.presence`.',
    example: { type: 'presence', user_id: 2, online: false, last_seen_at: '2026-11-24T11:20:00.000Z' },
  },
  typing: {
    summary: 'A member is typing',
    description: 'Until `expires_at`, unless another typing event extends it. Not journaled.',
    example: { type: 'typing', conversation_id: 1, user_id: 2, expires_at: '2026-11-24T11:11:00.000Z' },
  },
  receipt: {
    summary: 'A member received or read messages',
    description: 'Up to and including `message_id`.',
    example: { type: 'receipt', receipt: 'read', conversation_id: 1, user_id: 2, message_id: 8 },
  },
  resync: {
    summary: 'The events after your `lastEventId` cannot be replayed: reload your state',
    description:
      'The first event of a resumed stream when the journal no longer holds what was missed (`retention`: older than the server keeps, `JOURNAL_RETENTION_HOURS`) or never held the id (`unknown`: another server or a restored database). Re-read what you show (conversations, histories, receipts, presence), then apply the live events that follow; its id is where to resume from next.',
    example: { type: 'resync', reason: 'retention' },
  },
};

const requestId = z.number().int().describe('The id the client gave its subscription request');
const eventId = z
  .string()
  .regex(/^\d+$/)
  .describe('The event id: the last one seen is what to resume after (`lastEventId`)');

/** tRPC's envelope around one tracked event of `events.stream`. */
function dataEnvelope(event: z.ZodType) {
  return z.object({ id: requestId, result: z.object({ type: z.literal('data'), id: eventId, data: event }) });
}

/** Each event type's own schema, cut from the one stream schema (whose message events share an object). */
function eventSchemas(): Array<{ type: EventType; schema: z.ZodType }> {
  return schemas.streamEventSchema.options.flatMap((option) => {
    const kind = option.shape.type;
    const types = (kind instanceof z.ZodEnum ? kind.options : [...kind.values]) as EventType[];
    return types.map((type) => ({ type, schema: option.extend({ type: z.literal(type) }) }));
  });
}

const pascal = (type: string) =>
  type
    .split(/[._]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** One message per event type, in tRPC's envelope, as the socket carries it. */
export function streamEventMessages(): DocumentedMessage[] {
  return eventSchemas().map(({ type, schema }) => {
    const docs = eventDocs[type];
    return documented({
      name: `event${pascal(type)}`,
      title: type,
      summary: docs.summary,
      description: docs.description,
      schema: dataEnvelope(schema),
      io: 'output',
      example: { id: 1, result: { type: 'data', id: '1042', data: docs.example } },
    });
  });
}

/** What a client sends on `/trpc` to follow the stream (tRPC's WebSocket protocol, as `@trpc/client` speaks it). */
export const streamRequestMessages: DocumentedMessage[] = [
  documented({
    name: 'streamConnectionParams',
    title: 'connectionParams',
    summary: 'Sign the socket in (first frame)',
    description:
      'With `?connectionParams=1` in the URL, the first frame carries the token (browsers cannot set headers on a WebSocket; Node clients may send `Authorization: Bearer` instead). A socket signs in once: after a new login, open a new socket.',
    schema: z.object({ method: z.literal('connectionParams'), data: z.object({ token: z.string() }) }),
    io: 'input',
    example: {
      method: 'connectionParams',
      data: { token: '6f1c0e0d2b7a4c8e9f10a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6' },
    },
  }),
  documented({
    name: 'streamSubscribe',
    title: 'subscription events.stream',
    summary: 'Start (or resume) the event stream',
    description:
      'Without `lastEventId`: live events from now on. With it: first every event after it, from the journal, then live ones, none twice; or, when the journal no longer holds them, one `resync` event, then live ones. Answered by `started`, then events.',
    schema: z.object({
      id: requestId,
      method: z.literal('subscription'),
      params: z.object({
        path: z.literal('events.stream'),
        input: z.object({ lastEventId: eventId.optional() }).optional(),
      }),
    }),
    io: 'input',
    example: {
      id: 1,
      method: 'subscription',
      params: { path: 'events.stream', input: { lastEventId: '1041' } },
    },
  }),
  documented({
    name: 'streamStop',
    title: 'subscription.stop',
    summary: 'Stop a subscription',
    description: 'The socket stays open for other calls.',
    schema: z.object({ id: requestId, method: z.literal('subscription.stop') }),
    io: 'input',
    example: { id: 1, method: 'subscription.stop' },
  }),
];

/** Control frames of the stream besides events. */
export const streamControlMessages: DocumentedMessage[] = [
  documented({
    name: 'streamStarted',
    title: 'started',
    summary: 'The subscription is live',
    description: 'Events sent from now on reach it (and, with `lastEventId`, the replay follows at once).',
    schema: z.object({ id: requestId, result: z.object({ type: z.literal('started') }) }),
    io: 'output',
    example: { id: 1, result: { type: 'started' } },
  }),
  documented({
    name: 'streamError',
    title: 'error',
    summary: 'The subscription was refused or ended',
    description:
      '`UNAUTHORIZED` (missing, expired or revoked token: sign in again and resubscribe on a new socket with your last event id) or `BAD_REQUEST`. A socket whose token is revoked while open is closed with code 4001; one far above the frame rate with 1008.',
    schema: z.object({
      id: requestId,
      error: z.object({
        message: z.string(),
        code: z.number().int(),
        data: z.object({ code: z.string(), httpStatus: z.number().int(), path: z.string().optional() }),
      }),
    }),
    io: 'output',
    example: {
      id: 1,
      error: {
        message: 'Unauthorized',
        code: -32001,
        data: { code: 'UNAUTHORIZED', httpStatus: 401, path: 'events.stream' },
      },
    },
  }),
  documented({
    name: 'streamReconnect',
    title: 'reconnect',
    summary: 'The server is shutting down: reconnect',
    description: 'Reconnect (to another process) and resubscribe with your last event id; nothing is lost.',
    schema: z.object({ id: z.null(), method: z.literal('reconnect') }),
    io: 'output',
    example: { id: null, method: 'reconnect' },
  }),
];
