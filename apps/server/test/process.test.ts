import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database';
import { spawnServerProcess } from './support/server-process';

// The real entry point as an operator runs it: configuration checked at start, graceful stop on SIGTERM.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('server process', () => {
  it('finishes an in-flight request and exits 0 on SIGTERM', async () => {
    const server = await spawnServerProcess({ DATABASE_URL: database.url });
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    // A slow request (a large body sent in two parts) is in flight when the signal arrives.
    const slowBody = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('{"username":"late",'));
        await new Promise((resolve) => setTimeout(resolve, 300));
        controller.enqueue(new TextEncoder().encode('"email":"late@x.com","password":"Passw0rd!"}'));
        controller.close();
      },
    });
    const inFlight = fetch(`${server.baseUrl}/signup/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: slowBody,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exit = server.stop();
    expect((await inFlight).status).toBe(201);
    expect(await exit).toBe(0);
  });

  it('refuses to start with a clear message when configuration is invalid', async () => {
    await expect(spawnServerProcess({ DATABASE_URL: database.url, PORT: 'eighty' })).rejects.toThrow(
      /Invalid configuration:[\s\S]*PORT/,
    );
  });
});
