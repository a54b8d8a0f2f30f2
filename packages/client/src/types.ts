import type { AppRouter } from '@chatapp/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter } from '@chatapp/api';

/** The input of every procedure, e.g. `RouterInputs['messages']['send']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** The output of every procedure, e.g. `RouterOutputs['users']['me']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** An event as the procedure's output type states it (the three message events share one object there). */
type ProcedureEvent =
  RouterOutputs['events']['stream'] extends AsyncIterable<infer Event>
    ? Event extends { data: infer Data }
      ? Data
      : Event
    : never;

/**
 * One event of `events.stream` (the typed event stream), a union discriminated by `type`, so that
 * `if (event.type === 'message.created')` narrows it. Inferred from the procedure itself, so it is exactly what the
 * server sends (the AsyncAPI document at /asyncapi.json describes the same shapes).
 */
export type StreamEvent = ProcedureEvent extends infer Event
  ? Event extends { type: infer Types }
    ? Types extends string
      ? Omit<Event, 'type'> & { type: Types }
      : never
    : never
  : never;

/** The `type` of each stream event: `message.created`, `presence`, `receipt`, … */
export type StreamEventType = StreamEvent['type'];

/** The event of one type, e.g. `EventOf<'message.created'>` has `message` and `conversation_title`. */
export type EventOf<Type extends StreamEventType> = Extract<StreamEvent, { type: Type }>;

/** A message as the API returns it (in events, history pages and sends). */
export type Message = EventOf<'message.created'>['message'];
