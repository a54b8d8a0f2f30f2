import { ConfigError, loadEnv } from '@chatapp/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createUser, type TestUser } from './support/accounts';
import { client } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { spawnServerProcess } from './support/server-process';

const ALLOWED = 'https://chat.example.com';
const EVIL = 'https://evil.example.net';

/** The status a WebSocket upgrade is answered with: 101 when the socket opened. */
function upgradeStatus(port: number, path: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, origin ? { origin } : {});
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

const preflight = (server: TestServer, origin: string) =>
  fetch(`${server.baseUrl}/api/v1/users`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET' },
  });

describe('ALLOWED_ORIGINS unset (open, today’s clients)', () => {
  let server: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    user = await createUser(client(server.baseUrl));
  });
  afterAll(() => server.close());

  it('answers CORS for any origin and accepts sockets from any origin or none', async () => {
    const res = await client(server.baseUrl).get('/api/v1/users', {
      token: user.token,
      headers: { origin: EVIL },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await preflight(server, EVIL)).status).toBe(200);
    expect(await upgradeStatus(server.port, `/ws/global/?token=${user.token}`, EVIL)).toBe(101);
    expect(await upgradeStatus(server.port, `/ws/global/?token=${user.token}`)).toBe(101);
    expect(await upgradeStatus(server.port, '/trpc', EVIL)).toBe(101);
  });
});

describe('ALLOWED_ORIGINS set', () => {
  let server: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    server = await startTestServer({ ALLOWED_ORIGINS: `${ALLOWED}, https://legacy.example.com` });
    user = await createUser(client(server.baseUrl));
  });
  afterAll(() => server.close());

  it('echoes an allowed origin in CORS and gives any other none; its preflight is refused', async () => {
    const api = client(server.baseUrl);
    const allowed = await api.get('/api/v1/users', { token: user.token, headers: { origin: ALLOWED } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const evil = await api.get('/api/v1/users', { token: user.token, headers: { origin: EVIL } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(server, ALLOWED)).status).toBe(200);
    const refused = await preflight(server, EVIL);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ detail: 'Origin not allowed' });
  });

  it('refuses both sockets from another origin (S21), before the token is even looked at', async () => {
    expect(await upgradeStatus(server.port, `/ws/global/?token=${user.token}`, EVIL)).toBe(403);
    expect(await upgradeStatus(server.port, '/trpc', EVIL)).toBe(403);
  });

  it('accepts sockets from an allowed origin, from the server’s own origin and without an Origin', async () => {
    const legacy = `/ws/global/?token=${user.token}`;
    expect(await upgradeStatus(server.port, legacy, ALLOWED)).toBe(101);
    expect(await upgradeStatus(server.port, legacy, `http://127.0.0.1:${server.port}`)).toBe(101);
    expect(await upgradeStatus(server.port, legacy)).toBe(101);
    expect(await upgradeStatus(server.port, '/trpc', 'https://legacy.example.com')).toBe(101);
  });
});

describe('the setting', () => {
  it('refuses what is not an origin, at start-up', () => {
    expect(() => loadEnv({ ALLOWED_ORIGINS: 'https://chat.example.com/app' })).toThrow(ConfigError);
    expect(() => loadEnv({ ALLOWED_ORIGINS: 'chat.example.com' })).toThrow(ConfigError);
    expect(
      loadEnv({ ALLOWED_ORIGINS: 'https://a.example.com/, http://b.example.com:8080' }).ALLOWED_ORIGINS,
    ).toEqual(['https://a.example.com', 'http://b.example.com:8080']);
    expect(loadEnv({}).ALLOWED_ORIGINS).toBe('*');
  });

  it('is warned about at a production start while it is open', async () => {
    const server = await spawnServerProcess({
      NODE_ENV: 'production',
      DATABASE_URL: 'file::memory:',
      AUTH_SECRET: 'chatapp-test-session-secret-0123456789abcdef',
    });
    try {
      await expect.poll(() => server.output(), { timeout: 5_000 }).toContain('ALLOWED_ORIGINS is open');
    } finally {
      await server.stop();
    }
  });
});
