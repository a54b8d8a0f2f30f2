import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ApiContext,
  type AppRouter,
  createCaller,
  describeInputError,
  V1_BASE_PATH,
} from '@chatapp/api';
import { getTRPCErrorFromUnknown, type inferRouterInputs } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { sendJson } from '../http/respond';

/** The REST route that answers the whole reply also streams it, as server-sent events, when asked to. */
export const ASSISTANT_MESSAGES_PATH = `${V1_BASE_PATH}/assistant/messages`;

type StreamInput = inferRouterInputs<AppRouter>['assistant']['stream'];

/** `POST /api/v1/assistant/messages` with `Accept: text/event-stream`. */
export function wantsAssistantStream(req: IncomingMessage, pathname: string): boolean {
  return (
    req.method === 'POST' &&
    pathname === ASSISTANT_MESSAGES_PATH &&
    (req.headers.accept ?? '').includes('text/event-stream')
  );
}

/**
 * Runs `assistant.stream` and writes its events as server-sent events (`event: question|delta|reply`, the event as
 * JSON data). A failure before the first event (bad input, no token, 429, 503) is an ordinary JSON error with its
 * status; one after it (the model's 502 or 504) is a last `event: error` with `{status, message}`. A client that
 * disconnects stops only its stream: the reply is still finished and stored.
 */
export async function streamAssistantReply(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ApiContext,
  body: unknown,
): Promise<void> {
  const listening = new AbortController();
  res.on('close', () => listening.abort());
  let events: AsyncIterator<{ type: string }>;
  let first: IteratorResult<{ type: string }>;
  try {
    // The procedure's zod schema checks the body, whatever it holds.
    const input = body as StreamInput;
    const stream = await createCaller(ctx, { signal: listening.signal }).assistant.stream(input);
    events = stream[Symbol.asyncIterator]();
    first = await events.next();
  } catch (error) {
    const { status, message, code } = describeFailure(error);
    sendJson(res, status, { message, code });
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  try {
    for (let step = first; !step.done && !res.destroyed; step = await events.next()) {
      res.write(`event: ${step.value.type}\ndata: ${JSON.stringify(step.value)}\n\n`);
    }
  } catch (error) {
    const { status, message } = describeFailure(error);
    if (status === 500)
      ctx.deps.runtime.log.error(
        { err: error, method: req.method, route: ASSISTANT_MESSAGES_PATH },
        'assistant stream failed',
      );
    res.write(`event: error\ndata: ${JSON.stringify({ status, message })}\n\n`);
  } finally {
    await events.return?.();
    res.end();
  }
}

function describeFailure(error: unknown): { status: number; message: string; code: string } {
  const trpcError = getTRPCErrorFromUnknown(error);
  const status = getHTTPStatusCodeFromError(trpcError);
  const message =
    status === 500
      ? 'Internal server error'
      : (trpcError.code === 'BAD_REQUEST' && describeInputError(trpcError.cause)) || trpcError.message;
  return { status, message, code: trpcError.code };
}
