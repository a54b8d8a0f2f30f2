import type { z } from 'zod';
import type { LegacyCaller } from './caller';
import type { ErrorFamily } from './envelope';

export type LegacyMethod = 'GET' | 'POST' | 'PUT';

/** What an input/output mapper may know about the request besides its body. */
export interface LegacyRequestInfo {
  token: string | null;
}

/** What a route describes about itself: the table, the handler and the docs read these. */
interface LegacyRouteInfo {
  method: LegacyMethod;
  path: string;
  /** Whether the route needs a token (for the docs; the procedure enforces it). */
  auth: boolean;
  summary: string;
  tag: string;
  /** Envelope family of this route's errors. */
  errors: ErrorFamily;
  /**
   * The status of a conflict. The legacy views answered 400 for most (the default); `/addbyemail/` answered 409
   * for an address that already has an account.
   */
  conflictStatus?: 400 | 409;
  /**
   * Where a success's data goes: in `data` beside `message` (family A, the default), or as top-level fields beside
   * `success` (family C: the AI routes' `{success, conversation_id, messages}`, contract §1.4).
   */
  envelope?: 'message' | 'top-level';
  /** DRF answered body-parse errors of some routes with `{detail}` (contract §1.3). */
  parseErrors?: 'route' | 'drf';
  docs: { request?: z.ZodType; data: z.ZodType };
}

/**
 * One legacy route as it is written: how its loose body maps onto a procedure's input, which procedure it calls,
 * and how the result is shaped. No rule lives here: validation, auth and persistence all happen in the procedure.
 * `TInput` and `TOutput` tie the steps together; the table only holds what defineRoute makes of them.
 */
export interface LegacyRouteSpec<TInput, TOutput> extends LegacyRouteInfo {
  toInput(body: Record<string, unknown>): TInput;
  call(caller: LegacyCaller, input: TInput): Promise<TOutput>;
  status: number | ((output: TOutput) => number);
  message: string | ((output: TOutput) => string);
  toData(output: TOutput, request: LegacyRequestInfo): unknown;
}

/** A route's answer, before the envelope: `{success: true, message, data}` with this status. */
export interface LegacyAnswer {
  status: number;
  message: string;
  data: unknown;
}

/** A route as the table holds it: its typed steps composed into one `answer`. */
export interface LegacyRoute extends LegacyRouteInfo {
  /** The success status the docs show (the usual one, for a route whose status depends on its result). */
  documentedStatus: number;
  /** Maps the body, calls the procedure and shapes its result; a failure rejects with the procedure's error. */
  answer(
    caller: LegacyCaller,
    body: Record<string, unknown>,
    request: LegacyRequestInfo,
  ): Promise<LegacyAnswer>;
}

/** Composes a route's steps once, checked against each other; the table needs no cast to hold them side by side. */
export function defineRoute<TInput, TOutput>(spec: LegacyRouteSpec<TInput, TOutput>): LegacyRoute {
  const { toInput, call, status, message, toData, ...info } = spec;
  return {
    ...info,
    documentedStatus: typeof status === 'number' ? status : 200,
    async answer(caller, body, request) {
      const output = await call(caller, toInput(body));
      return {
        status: typeof status === 'function' ? status(output) : status,
        message: typeof message === 'function' ? message(output) : message,
        data: toData(output, request),
      };
    },
  };
}
