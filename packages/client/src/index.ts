/**
 * `@chatapp/client`: the typed client for ChatApp. Every procedure with its input and output types, the event
 * stream with reconnect and resume, and the types a program needs to name what it receives.
 */
export { TRPCClientError } from '@trpc/client';
export { type ChatClient, type ChatClientOptions, createChatClient } from './client';
export { type EventListener, type ListenOptions, listen } from './listen';
export type {
  AppRouter,
  EventOf,
  Message,
  RouterInputs,
  RouterOutputs,
  StreamEvent,
  StreamEventType,
} from './types';
