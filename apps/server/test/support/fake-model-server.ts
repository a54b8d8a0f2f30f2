import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat completions request as the fake server received it. */
export interface ModelRequest {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    stream?: boolean;
    max_tokens?: number;
    max_completion_tokens?: number;
    messages: { role: string; content: string }[];
  };
}

/**
 * How the fake answers one request:
 * - `stream`: SSE chunks of text, optionally after a reasoning or tool-call chunk (C38), each after `delayMs`;
 *   with `pauseAfter`, it stops after that many text chunks until `release()` is called;
 * - `json`: one chat completion, optionally with `reasoning_content` first;
 * - `error`: an HTTP error with an OpenAI-style error body;
 * - `hang`: never answers (the timeout's case).
 */
export type ModelScript =
  | {
      kind: 'stream';
      chunks: string[];
      first?: 'reasoning' | 'tool_call';
      delayMs?: number;
      pauseAfter?: number;
    }
  | { kind: 'json'; content: string | null; reasoning?: string; toolCall?: boolean }
  | { kind: 'error'; status: number }
  | { kind: 'hang' };

export interface FakeModelServer {
  /** The base URL to give as OPENAI_BASE_URL (`…/v1`). */
  baseUrl: string;
  requests: ModelRequest[];
  /** Queues how the next requests are answered; without a script a request gets a streamed or JSON "ok". */
  script(...scripts: ModelScript[]): void;
  /** Lets a paused stream go on. */
  release(): void;
  /** Resolves when a paused stream has sent its chunks up to the pause. */
  paused(): Promise<void>;
  close(): Promise<void>;
}

/** An OpenAI-compatible chat completions server on a free loopback port, started and scripted by a test. */
export async function startFakeModelServer(): Promise<FakeModelServer> {
  const requests: ModelRequest[] = [];
  const queue: ModelScript[] = [];
  const open = new Set<ServerResponse>();
  let releaseGate: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => {
    releaseGate = resolve;
  });
  let reachedPause: () => void = () => undefined;
  let pause = new Promise<void>((resolve) => {
    reachedPause = resolve;
  });

  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as ModelRequest['body'];
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    open.add(res);
    res.on('close', () => open.delete(res));
    const script =
      queue.shift() ?? (body.stream ? { kind: 'stream', chunks: ['ok'] } : { kind: 'json', content: 'ok' });
    if (script.kind === 'hang') return;
    if (script.kind === 'error') {
      sendJson(res, script.status, { error: { message: 'the model is on fire', type: 'server_error' } });
      return;
    }
    if (script.kind === 'json') {
      sendJson(res, 200, completion(script));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    if (script.first === 'reasoning') sendChunk(res, { reasoning_content: 'Let me think about this.' });
    if (script.first === 'tool_call') {
      sendChunk(res, {
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } },
        ],
      });
    }
    for (const [index, text] of script.chunks.entries()) {
      if (script.pauseAfter !== undefined && index === script.pauseAfter) {
        reachedPause();
        await gate;
      }
      if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
      if (res.destroyed) return;
      sendChunk(res, { content: text });
    }
    res.write(`data: ${JSON.stringify(chunk({}, 'stop'))}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...scripts) => queue.push(...scripts),
    release() {
      releaseGate();
      gate = new Promise<void>((resolve) => {
        releaseGate = resolve;
      });
    },
    paused() {
      const reached = pause;
      void reached.then(() => {
        pause = new Promise<void>((resolve) => {
          reachedPause = resolve;
        });
      });
      return reached;
    },
    async close() {
      releaseGate();
      for (const res of open) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function chunk(delta: Record<string, unknown>, finishReason: string | null = null) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'test-model',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

function sendChunk(res: ServerResponse, delta: Record<string, unknown>): void {
  res.write(`data: ${JSON.stringify(chunk(delta))}\n\n`);
}

function completion(script: Extract<ModelScript, { kind: 'json' }>) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model: 'test-model',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: script.content,
          ...(script.reasoning ? { reasoning_content: script.reasoning } : {}),
          ...(script.toolCall
            ? {
                tool_calls: [
                  { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } },
                ],
              }
            : {}),
        },
        finish_reason: script.toolCall ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}
