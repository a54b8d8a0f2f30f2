import { appRouter } from '@chatapp/api';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { legacyRoutes } from '../src/legacy/routes';
import { legacyCommands } from '../src/legacy-ws/commands';
import { MEDIA_UPLOAD_PATH } from '../src/media/upload';
import { createUser, type TestUser } from './support/accounts';
import { assistantEnv } from './support/assistant';
import { openChat } from './support/conversations';
import { type FakeModelServer, startFakeModelServer } from './support/fake-model-server';
import {
  type ForeignIds,
  hostileBody,
  hostileScalar,
  hostileSegment,
  hostileValue,
  rawBodies,
} from './support/hostile';
import { client } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { LegacySocketClient } from './support/sockets';

// Issue 20, item 7: every door, fed random and hostile values, answers a clear 4xx or a success; never a 5xx, never
// a crash, and a refused request stores nothing. Bounded: RUNS per door, one server for the file.
const RUNS = 25;
const SEED = Number(process.env.FC_SEED ?? 20_26);

let fake: FakeModelServer;
let server: TestServer;
let foreign: ForeignIds;

beforeAll(async () => {
  fake = await startFakeModelServer();
  // Sockets may send as fast as the test does: the frame rate is not what is tested here.
  server = await startTestServer({
    ...assistantEnv(fake),
    WS_FRAMES_PER_SECOND: '100000',
    WS_FRAME_BURST: '100000',
  });
  const api = client(server.baseUrl);
  const [alice, bob] = [await createUser(api), await createUser(api)];
  const chat = await openChat(api, alice, bob);
  const sent = await api.post<{ message: { id: number } }>(
    `/api/v1/conversations/${chat}/messages`,
    { type: 'text', body: 'private' },
    { token: alice.token },
  );
  foreign = { userId: alice.id, conversationId: chat, messageId: sent.body.message.id };
}, 60_000);
afterAll(async () => {
  await server.close();
  await fake.close();
});

/** What a refused request must leave as it was: every table a request can add rows to. */
async function storedCounts(): Promise<Record<string, number>> {
  const db = server.app.database.db;
  const count = (table: string, where = '') =>
    sql<{ c: number | string }>`select count(*) as c from ${sql.table(table)} ${sql.raw(where)}`
      .execute(db)
      .then((r) => [table, Number(r.rows[0]?.c ?? 0)] as const);
  // The assistant's replies are written after their question's 2xx, possibly during a later request: not counted.
  const humans = 'where sender_id not in (select id from users where is_bot = 1)';
  return Object.fromEntries(
    await Promise.all([
      count('users'),
      count('auth_tokens'),
      count('conversations'),
      count('conversation_members'),
      count('messages', humans),
      count('message_edits'),
      count('media'),
      count('email_outbox'),
      count('password_links'),
    ]),
  );
}

interface Sent {
  method: string;
  path: string;
  token: string | null;
  body?: unknown;
  raw?: string;
}

/** Sends one hostile request and checks the answer: no 5xx, JSON refusals, nothing stored when refused. */
async function checkDoor(request: Sent): Promise<void> {
  const before = await storedCounts();
  const headers: Record<string, string> = {};
  if (request.token !== null) headers.authorization = `Bearer ${request.token}`;
  let payload: string | undefined;
  if (request.raw !== undefined) payload = request.raw;
  else if (request.body !== undefined) payload = JSON.stringify(request.body);
  if (payload !== undefined && request.method !== 'GET') headers['content-type'] = 'application/json';
  const response = await fetch(`${server.baseUrl}${request.path}`, {
    method: request.method,
    headers,
    body: request.method === 'GET' ? undefined : payload,
    redirect: 'manual',
  });
  const text = await response.text();
  const what = `${request.method} ${request.path} ${(payload ?? '').slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, what).toBeLessThan(500);
  if (response.status >= 400) {
    // 431 is Node's HTTP parser refusing a huge request line before any of our code runs: it has no body.
    if (response.status !== 431)
      expect(response.headers.get('content-type') ?? '', what).toContain('application/json');
    expect(await storedCounts(), what).toEqual(before);
  }
}

/** A token for the attacker: their own, none, or garbage (each door runs as a fresh attacker). */
function tokens(attacker: TestUser): fc.Arbitrary<string | null> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(attacker.token) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('garbage', 'a'.repeat(64), 'x'.repeat(5_000), '%00') },
  );
}

function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    params.append(key, typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const property = (arbitrary: fc.Arbitrary<Sent>) =>
  fc.assert(fc.asyncProperty(arbitrary, checkDoor), { numRuns: RUNS, seed: SEED, endOnFailure: true });

/** Every procedure of the router, with its kind and its REST route (if it has one). */
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string; meta?: { openapi?: { method: string; path: string } } } }
  >,
);
// Revoking the attacker's own token ends its run early: these go last.
const lastly = (path: string) => (/logOut|logout/.test(path) ? 1 : 0);

describe('every legacy route', () => {
  it('answers hostile bodies with a 4xx or a success, never a 5xx, and stores nothing when it refuses', async () => {
    for (const route of legacyRoutes) {
      const attacker = await createUser(client(server.baseUrl));
      const body = fc.oneof(
        hostileBody(foreign).map((b) => ({ body: b })),
        rawBodies.map((raw) => ({ raw })),
      );
      await property(
        fc.record({ token: tokens(attacker), input: body }).map(({ token, input }) => ({
          method: route.method,
          path: route.path,
          token,
          ...input,
        })),
      );
    }
  }, 240_000);
});

describe('every v1 route', () => {
  it('answers hostile paths, queries and bodies without a 5xx, and stores nothing when it refuses', async () => {
    const routes = procedures
      .flatMap(([name, p]) => (p._def.meta?.openapi ? [{ name, ...p._def.meta.openapi }] : []))
      .concat([{ name: 'media upload', method: 'POST', path: MEDIA_UPLOAD_PATH.slice('/api/v1'.length) }])
      .sort((a, b) => lastly(a.path) - lastly(b.path));
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const attacker = await createUser(client(server.baseUrl));
      const segments = (route.path.match(/\{\w+\}/g) ?? []).length;
      const hasBody = !['GET', 'DELETE'].includes(route.method);
      await property(
        fc
          .record({
            token: tokens(attacker),
            ids: fc.array(hostileSegment(foreign), { minLength: segments, maxLength: segments }),
            query: fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar(foreign), { maxKeys: 3 }),
            body: hasBody ? fc.oneof(hostileBody(foreign), rawBodies) : fc.constant(undefined),
          })
          .map(({ token, ids, query, body }) => {
            let path = route.path;
            for (const id of ids) path = path.replace(/\{\w+\}/, id);
            const sent: Sent = { method: route.method, path: `/api/v1${path}${queryString(query)}`, token };
            if (typeof body === 'string') sent.raw = body;
            else if (body !== undefined) sent.body = body;
            return sent;
          }),
      );
    }
  }, 400_000);
});

describe('every tRPC procedure over HTTP', () => {
  it('answers hostile inputs without a 5xx, and stores nothing when it refuses', async () => {
    const callable = procedures
      .filter(([, p]) => p._def.type !== 'subscription')
      .sort(([a], [b]) => lastly(a) - lastly(b));
    for (const [name, procedure] of callable) {
      const attacker = await createUser(client(server.baseUrl));
      const isQuery = procedure._def.type === 'query';
      await property(
        fc.record({ token: tokens(attacker), input: hostileBody(foreign) }).map(({ token, input }) =>
          isQuery
            ? {
                method: 'GET',
                path: `/trpc/${name}?input=${encodeURIComponent(JSON.stringify(input) ?? '')}`,
                token,
              }
            : { method: 'POST', path: `/trpc/${name}`, token, body: input },
        ),
      );
    }
  }, 400_000);
});

describe('every legacy socket frame type', () => {
  it('answers hostile frames with error frames or results; the socket stays open and nothing refused is stored', async () => {
    const attacker = await createUser(client(server.baseUrl));
    const socket = await LegacySocketClient.connect(server.port, attacker.token);
    try {
      const types = [...Object.keys(legacyCommands), 'no_such_type'];
      for (const type of types) {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              fc
                .dictionary(fc.string({ maxLength: 10 }), hostileValue(foreign), { maxKeys: 4 })
                .map((fields) => JSON.stringify({ ...fields, type })),
              hostileBody(foreign).map((body) =>
                JSON.stringify(
                  typeof body === 'object' && body !== null ? { ...body, type } : { type: body },
                ),
              ),
              rawBodies,
            ),
            async (frame) => {
              const before = await storedCounts();
              const seen = socket.frames.length;
              socket.send(frame);
              // An answer (an error frame, a list) or nothing: wait briefly, then look at what came.
              await socket.next(() => true, 150).catch(() => undefined);
              expect(socket.closeCode, frame.slice(0, 200)).toBeUndefined();
              const errors = socket.frames.slice(seen).filter((f) => 'error' in f);
              for (const error of errors)
                expect(String(error.error), frame.slice(0, 200)).not.toMatch(/Internal/);
              if (errors.length) expect(await storedCounts(), frame.slice(0, 200)).toEqual(before);
            },
          ),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
    } finally {
      socket.close();
    }
  }, 240_000);
});

describe('the tRPC socket', () => {
  it('answers hostile JSON-RPC frames for every procedure without an internal error, and stays open', async () => {
    const attacker = await createUser(client(server.baseUrl));
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/trpc`, {
      headers: { authorization: `Bearer ${attacker.token}` },
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const answers: Array<{ id?: unknown; error?: { data?: { code?: string; httpStatus?: number } } }> = [];
    let closed: number | undefined;
    ws.on('message', (data) => {
      const text = data.toString();
      if (text === 'PONG') return;
      answers.push(JSON.parse(text));
    });
    ws.on('close', (code) => {
      closed = code;
    });
    try {
      const names = procedures.map(([name]) => name).filter((name) => !/logOut/.test(name));
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            id: fc.oneof(
              fc.integer({ min: 1, max: 1e9 }),
              fc.string({ maxLength: 8 }),
              hostileScalar(foreign),
            ),
            method: fc.oneof(
              fc.constantFrom('query', 'mutation', 'subscription', 'subscription.stop'),
              fc.string({ maxLength: 10 }),
            ),
            path: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, fc.string({ maxLength: 12 })),
            input: hostileBody(foreign),
            raw: fc.option(rawBodies, { freq: 8 }),
          }),
          async ({ id, method, path, input, raw }) => {
            const frame = raw ?? JSON.stringify({ id, jsonrpc: '2.0', method, params: { path, input } });
            ws.send(frame);
            await new Promise((resolve) => setTimeout(resolve, 20));
            expect(closed, frame.slice(0, 200)).toBeUndefined();
          },
        ),
        { numRuns: RUNS * 8, seed: SEED, endOnFailure: true },
      );
      // Let the last answers arrive, then look at all of them.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const answer of answers) {
        const status = answer.error?.data?.httpStatus ?? 200;
        expect(status, JSON.stringify(answer).slice(0, 300)).toBeLessThan(500);
      }
      expect(closed).toBeUndefined();
    } finally {
      ws.close();
    }
  }, 120_000);

  it('the server is still up', async () => {
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
  });
});
