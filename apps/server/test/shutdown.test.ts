import { connect } from 'node:net';
import { openDatabase } from '@chatapp/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { askOverSse, assistantEnv } from './support/assistant';
import { createTestDatabase, type TestDatabase } from './support/database';
import { startFakeModelServer } from './support/fake-model-server';
import { client } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { spawnServerProcess } from './support/server-process';
import { LegacySocketClient } from './support/sockets';

// Issue 20, item 5: a graceful stop, and HTTP timeouts against slow clients.

describe('SIGTERM', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('answers /readyz 503 at once, still serves meanwhile, closes sockets going away (1001) and exits 0', async () => {
    const server = await spawnServerProcess({
      DATABASE_URL: database.url,
      SCRYPT_LOG_N: '12',
      SHUTDOWN_DRAIN_MS: '1500',
    });
    const api = client(server.baseUrl);
    const user = await createUser(api);
    const socket = await LegacySocketClient.connect(server.port, user.token);
    expect((await api.get('/readyz')).status).toBe(200);

    const exited = server.stop();
    await expect
      .poll(async () => (await api.get('/readyz')).status, { timeout: 1_000, interval: 50 })
      .toBe(503);
    // Draining: the process still answers everything else until it stops accepting.
    expect((await api.get('/healthz')).status).toBe(200);
    expect((await api.get('/api/v1/users/me', { token: user.token })).status).toBe(200);

    expect(await socket.closedBy(10_000)).toBe(1001);
    expect(await exited).toBe(0);
  }, 30_000);

  it('lets a request in flight finish within the grace period, then exits 0', async () => {
    const fake = await startFakeModelServer();
    try {
      const server = await spawnServerProcess({
        ...assistantEnv(fake, { AI_TIMEOUT_MS: '10000' }),
        DATABASE_URL: database.url,
        SCRYPT_LOG_N: '12',
        SHUTDOWN_DRAIN_MS: '100',
        SHUTDOWN_GRACE_MS: '8000',
      });
      const user = await createUser(client(server.baseUrl));
      // A reply written over two seconds, streamed to the client as server-sent events.
      fake.script({ kind: 'stream', chunks: ['One, ', 'two, ', 'three, ', 'four, ', 'five.'], delayMs: 400 });
      const response = await askOverSse(server.baseUrl, user, 'Count to five, slowly');
      expect(response.status).toBe(200);
      const reader = response.body?.getReader();
      if (!reader) throw new Error('no body');
      let text = '';
      const decoder = new TextDecoder();
      while (!text.includes('event: delta')) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`the stream ended early: ${text}`);
        text += decoder.decode(chunk.value, { stream: true });
      }

      // Stopped mid-reply: the response goes on to its end, the reply is stored, and only then does it exit.
      const exited = server.stop();
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
      const ended = Date.now();
      expect(text).toContain('event: reply');
      expect(text).toContain('One, two, three, four, five.');
      expect(await exited).toBe(0);
      // Its connection, idle once the reply ended, did not hold the stop until the grace period (8 s) ran out.
      expect(Date.now() - ended).toBeLessThan(5_000);
      const handle = openDatabase(database.url);
      try {
        const stored = await handle.db
          .selectFrom('messages')
          .select('body')
          .where('body', '=', 'One, two, three, four, five.')
          .execute();
        expect(stored).toHaveLength(1);
      } finally {
        await handle.close();
      }
    } finally {
      await fake.close();
    }
  }, 30_000);
});

describe('slow clients', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' });
  });
  afterAll(() => server.close());

  /** Writes `sent` and never finishes the request; resolves with what the server answered when it hung up. */
  function hangingRequest(sent: string): Promise<{ answer: string; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = connect(server.port, '127.0.0.1', () => socket.write(sent));
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        reject(new Error('the server kept a hanging request open for 8 s'));
      }, 8_000).unref();
    });
  }

  it('drops a client whose headers never end (408)', async () => {
    const { answer, ms } = await hangingRequest('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(4_000);
  });

  it('drops a client whose body never ends (408)', async () => {
    const { answer, ms } = await hangingRequest(
      'POST /login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5_000);
  });
});
