import type { IncomingMessage } from 'node:http';

/** Why a request body could not be read; adapters turn these into their own 4xx shapes. */
export class BodyError extends Error {
  override name = 'BodyError';
  constructor(
    readonly reason: 'too_large' | 'malformed' | 'not_object' | 'unsupported_type',
    message: string,
  ) {
    super(message);
  }
}

/** Reads the raw body, refusing (and draining no further than) `limit` bytes. */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new BodyError('too_large', `Request body exceeds the limit of ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyError('too_large', `Request body exceeds the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // The client went away (or timed out: HTTP_REQUEST_TIMEOUT_MS) mid-body: its fault, not a server failure.
    req.on('error', () => reject(new BodyError('malformed', 'The request body was cut off')));
  });
}

/**
 * How deeply a JSON body may nest. No request of ours goes past a few levels; far deeper values (a 10 KB body can
 * nest 5,000 levels) overflow the stack of whatever walks them recursively later (JSON.stringify in the REST
 * adapter did: a 500), so they are refused here, once, for every door.
 */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a parsed JSON value, walked without recursion (so itself safe on any depth). */
function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Reads a JSON or form body as a plain object (DRF's parsers, minus multipart). An empty body is `{}`.
 * Malformed JSON, a JSON value that is not an object, and other content types are BodyErrors.
 */
export async function readObjectBody(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const raw = await readRawBody(req, limit);
  const type = mediaType(req);
  if (raw.length === 0) return {};
  if (type === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  }
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    throw new BodyError('unsupported_type', `Unsupported media type "${type}" in request.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new BodyError('malformed', `JSON parse error - ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BodyError('not_object', 'The JSON body must be an object');
  }
  if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
    throw new BodyError('malformed', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return parsed as Record<string, unknown>;
}
