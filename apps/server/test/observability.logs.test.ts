import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/database';
import { client } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { spawnServerProcess } from './support/server-process';

// Issue 20, item 8: JSON logs (pino) with a request id on every line of a request, one access line per request.

type LogLine = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids and the access log', () => {
  let server: TestServer;
  const written: string[] = [];
  const lines = (): LogLine[] => written.map((line) => JSON.parse(line) as LogLine);
  const accessLines = (reqId: string) => lines().filter((l) => l.reqId === reqId && l.msg === 'request');

  beforeAll(async () => {
    server = await startTestServer(
      { LOG_LEVEL: 'info' },
      { app: { logDestination: { write: (line: string) => void written.push(line) } } },
    );
  });
  afterAll(() => server.close());

  it('echoes a valid incoming X-Request-Id and logs the request once under it', async () => {
    const res = await fetch(`${server.baseUrl}/healthz`, { headers: { 'x-request-id': 'proxy-4f2a.17' } });
    expect(res.headers.get('x-request-id')).toBe('proxy-4f2a.17');
    await expect.poll(() => accessLines('proxy-4f2a.17').length).toBe(1);
    const [line] = accessLines('proxy-4f2a.17');
    expect(line).toMatchObject({ level: 30, method: 'GET', route: '/healthz', status: 200 });
    expect(typeof line?.ms).toBe('number');
  });

  it('makes a new id when there is none or the offered one is not sane', async () => {
    const plain = await fetch(`${server.baseUrl}/healthz`);
    const made = plain.headers.get('x-request-id') ?? '';
    expect(made).toMatch(UUID);
    const forged = await fetch(`${server.baseUrl}/healthz`, {
      headers: { 'x-request-id': `x"}\t{"level":60 ${'a'.repeat(200)}` },
    });
    const replaced = forged.headers.get('x-request-id') ?? '';
    expect(replaced).toMatch(UUID);
    await expect.poll(() => accessLines(made).length + accessLines(replaced).length).toBe(2);
  });

  it('logs a route pattern and the status, never tokens, passwords or message bodies', async () => {
    const api = client(server.baseUrl);
    const user = await createUser(api);
    const res = await fetch(`${server.baseUrl}/api/v1/users/me?token=${user.token}`, {
      headers: { authorization: `Bearer ${user.token}`, 'x-request-id': 'me-1' },
    });
    expect(res.status).toBe(200);
    await api.post('/login/', { username: user.username, email: '', password: PASSWORD });
    await expect.poll(() => accessLines('me-1').length).toBe(1);
    expect(accessLines('me-1')[0]).toMatchObject({ route: '/api/v1/users/me', status: 200 });
    const everything = written.join('');
    expect(everything).not.toContain(user.token);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).toContain('"route":"/login/"');
  });
});

describe('the server process', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('writes one JSON object per line on stdout, the request id on the request’s line', async () => {
    const server = await spawnServerProcess({ DATABASE_URL: database.url });
    try {
      const res = await fetch(`${server.baseUrl}/readyz`, { headers: { 'x-request-id': 'spawned-1' } });
      expect(res.headers.get('x-request-id')).toBe('spawned-1');
      await expect.poll(() => server.output().includes('"reqId":"spawned-1"')).toBe(true);
    } finally {
      await server.stop();
    }
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LogLine);
    expect(lines.find((l) => String(l.msg).startsWith('ChatApp listening on'))).toMatchObject({ level: 30 });
    expect(lines.find((l) => l.reqId === 'spawned-1')).toMatchObject({ route: '/readyz', status: 200 });
    expect(lines.find((l) => l.signal === 'SIGTERM')).toBeDefined();
  }, 30_000);
});
