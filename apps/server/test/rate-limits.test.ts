import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from './support/accounts';
import { countRows, openChat } from './support/conversations';
import { client, type TestClient } from './support/http';
import { TEST_REDIS_URL } from './support/redis';
import { startTestServer, type TestServer } from './support/server';
import { trpcSocket } from './support/trpc';
import { useTwoProcesses } from './support/two-processes';

// Limits small enough to reach in a test; everything else as a test server has it (support/rate-limits.ts).
const LIMITS = {
  LOGIN_FAILURES_BEFORE_LOCKOUT: '3',
  LOGIN_LOCKOUT_SECONDS: '60',
  SIGNUP_PER_ADDRESS_PER_HOUR: '3',
  SENDS_PER_USER_PER_MINUTE: '3',
};

let server: TestServer;
let api: TestClient;
beforeAll(async () => {
  server = await startTestServer(LIMITS);
  api = client(server.baseUrl);
});
afterAll(() => server.close());

const wrong = (username: string) => ({ username, password: 'Wr0ng-password!' });

describe('sign-in', () => {
  it('locks an account out after failed passwords, in each transport’s 429 with Retry-After', async () => {
    // The users are created on a lifted server so that this server's sign-up limit stays for its own test.
    const user = await createUser(api);
    for (let i = 0; i < 3; i++) {
      expect((await api.post('/api/v1/auth/login', wrong(user.username))).status).toBe(400);
    }
    // Now even the right password waits: v1 REST, tRPC, legacy route.
    const v1 = await api.post<{ code: string; message: string }>('/api/v1/auth/login', {
      username: user.username,
      password: PASSWORD,
    });
    expect(v1.status).toBe(429);
    expect(v1.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(v1.headers.get('retry-after'))).toBeGreaterThan(0);

    const trpc = await api.post<{ error: { data: { code: string; retryAfter: number } } }>(
      '/trpc/auth.logIn',
      { username: user.username, password: PASSWORD },
    );
    expect(trpc.status).toBe(429);
    expect(trpc.body.error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(trpc.body.error.data.retryAfter).toBeGreaterThan(0);
    expect(Number(trpc.headers.get('retry-after'))).toBeGreaterThan(0);

    const legacy = await api.post<{ success: boolean; message: string; data: null }>('/login/', {
      username: user.username,
      email: '',
      password: PASSWORD,
    });
    expect(legacy.status).toBe(429);
    expect(legacy.body).toMatchObject({ success: false, data: null });
    expect(legacy.body.message).toMatch(/Too many failed sign-in attempts/);
    expect(Number(legacy.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits unknown names alike, so the answer tells nothing about which accounts exist', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await api.post('/api/v1/auth/login', wrong('nobody_here'))).status).toBe(400);
    }
    expect((await api.post('/api/v1/auth/login', wrong('nobody_here'))).status).toBe(429);
  });

  it('answers a socket client with an error carrying the wait', async () => {
    const user = await createUser(api);
    for (let i = 0; i < 3; i++) await api.post('/api/v1/auth/login', wrong(user.username));
    const socket = trpcSocket(server.port, '');
    try {
      const error = await socket.client.auth.logIn
        .mutate({ username: user.username, password: PASSWORD })
        .then(() => null)
        .catch((e: { data?: { code?: string; retryAfter?: number } }) => e);
      expect(error?.data?.code).toBe('TOO_MANY_REQUESTS');
      expect(error?.data?.retryAfter).toBeGreaterThan(0);
    } finally {
      socket.close();
    }
  });
});

describe('sign-up', () => {
  it('limits new accounts per client address; a refused sign-up stores nothing', async () => {
    // The other tests' users count too: this server allows 3 per address per hour, so fill what is left.
    const signUp = (n: number) =>
      api.post('/api/v1/auth/signup', {
        username: `limited${n}`,
        email: `l${n}@example.com`,
        password: PASSWORD,
      });
    let status = 200;
    let n = 0;
    while (status === 200 && n < 10) status = (await signUp(n++)).status;
    expect(status).toBe(429);
    const users = await countRows(server.app.database.db, 'users');
    const refused = await signUp(99);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await countRows(server.app.database.db, 'users')).toBe(users);
  });
});

describe('the client address', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer({ SIGNUP_PER_ADDRESS_PER_HOUR: '1', TRUST_PROXY: 'true' });
  });
  afterAll(() => proxied.close());

  const signUp = (base: TestServer, n: string, forwardedFor: string) =>
    client(base.baseUrl).post(
      '/api/v1/auth/signup',
      { username: `fwd${n}`, email: `fwd${n}@example.com`, password: PASSWORD },
      { headers: { 'x-forwarded-for': forwardedFor } },
    );

  it('is the first X-Forwarded-For hop behind a trusted proxy', async () => {
    expect((await signUp(proxied, 'a', '203.0.113.1, 10.0.0.1')).status).toBe(200);
    expect((await signUp(proxied, 'b', '203.0.113.1, 10.0.0.2')).status).toBe(429);
    expect((await signUp(proxied, 'c', '203.0.113.2, 10.0.0.1')).status).toBe(200);
  });

  it('is the socket’s address otherwise: a client cannot choose its own', async () => {
    // `server` does not trust proxies, and its address (127.0.0.1) is used up by the sign-up test above.
    expect((await signUp(server, 'd', '198.51.100.7')).status).toBe(429);
  });
});

describe('sends over HTTP', () => {
  it('are limited per user; a refused send stores nothing; another user has their own rate', async () => {
    const lifted = await startTestServer({ SENDS_PER_USER_PER_MINUTE: '3' });
    try {
      const http = client(lifted.baseUrl);
      const [alice, bob] = [await createUser(http), await createUser(http)];
      const chat = await openChat(http, alice, bob);
      const send = (user: typeof alice, body: string) =>
        http.post(`/api/v1/conversations/${chat}/messages`, { type: 'text', body }, { token: user.token });
      for (let i = 0; i < 3; i++) expect((await send(alice, `hi ${i}`)).status).toBe(200);
      const refused = await send(alice, 'one too many');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const legacy = await http.post<{ success: boolean }>(
        '/sendMessage/',
        { conversation_id: chat, body: 'legacy too', type: 'text' },
        { token: alice.token },
      );
      expect(legacy.status).toBe(429);
      expect(legacy.body.success).toBe(false);
      const bodies = await lifted.app.database.db.selectFrom('messages').select('body').execute();
      expect(bodies.map((m) => m.body)).not.toContain('one too many');
      expect(bodies.map((m) => m.body)).not.toContain('legacy too');
      expect((await send(bob, 'my own rate')).status).toBe(200);
    } finally {
      await lifted.close();
    }
  });
});

describe.skipIf(!process.env.REDIS_URL)('two processes sharing Redis', () => {
  const servers = useTwoProcesses({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `chatapp-test-${randomUUID()}:`,
    LOGIN_FAILURES_BEFORE_LOCKOUT: '2',
    LOGIN_LOCKOUT_SECONDS: '60',
  });

  it('enforce one limit: failures on one process lock the account out on the other', async () => {
    const one = client(servers.inProcess().baseUrl);
    const other = client(servers.other().baseUrl);
    const user = await createUser(one);
    expect((await one.post('/api/v1/auth/login', wrong(user.username))).status).toBe(400);
    expect((await other.post('/api/v1/auth/login', wrong(user.username))).status).toBe(400);
    const locked = await other.post('/api/v1/auth/login', { username: user.username, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(
      (await one.post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).status,
    ).toBe(429);
  });
});
