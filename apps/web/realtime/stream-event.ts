import type { schemas } from '@chatapp/api';

/** One event of `events.stream` (its schema lives with the router). */
export type StreamEvent = schemas.StreamEvent;
export type MessageEvent = Extract<StreamEvent, { message: unknown }>;
