import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { openChat } from './support/conversations';
import { client } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { LegacySocketClient } from './support/sockets';

// Issue 20, item 8: Prometheus metrics at /metrics, only where configured, with labels that stay bounded.

const TOKEN = 'metrics-token-0123456789';

/** The value of one series in a scrape (`name{labels} value`), or undefined when it is absent. */
function sample(scrape: string, series: string): number | undefined {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(server: TestServer): Promise<string> {
  const res = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('/metrics not configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers 404 on the main port, with or without a token', async () => {
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(404);
    const withToken = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(withToken.status).toBe(404);
    expect(server.app.metricsAddress()).toBeNull();
  });
});

describe('/metrics behind METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => server.close());

  it('answers 401 without the token or with a wrong one, and the text format with it', async () => {
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    const text = await ok.text();
    // prom-client's defaults (event-loop delay among them) and ours.
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(text).toContain('chatapp_mail_outbox{status="queued"} 0');
    expect(text).toContain('chatapp_group_commit_units{state="queued"}');
  });

  it('counts and times requests per route pattern, never per raw path', async () => {
    const api = client(server.baseUrl);
    const [a, b] = [await createUser(api), await createUser(api)];
    const id = await openChat(api, a, b);
    for (let i = 0; i < 3; i += 1) {
      expect((await api.get(`/api/v1/conversations/${id}`, { token: a.token })).status).toBe(200);
    }
    await api.get('/api/v1/conversations/987654321', { token: a.token });
    await api.get('/no/such/path/123456789');
    await api.get('/trpc/no.such.procedure');
    await api.get('/trpc/users.me', { token: a.token });

    const text = await scrape(server);
    const route = `/api/v1/conversations/{conversation_id}`;
    expect(sample(text, `chatapp_http_requests_total{method="GET",route="${route}",status="200"}`)).toBe(3);
    expect(sample(text, `chatapp_http_requests_total{method="GET",route="${route}",status="404"}`)).toBe(1);
    expect(sample(text, `chatapp_http_requests_total{method="POST",route="/signup/",status="201"}`)).toBe(2);
    expect(sample(text, `chatapp_http_requests_total{method="GET",route="other",status="404"}`)).toBe(1);
    expect(sample(text, `chatapp_http_requests_total{method="GET",route="trpc:unknown",status="404"}`)).toBe(
      1,
    );
    expect(sample(text, `chatapp_http_requests_total{method="GET",route="trpc:users.me",status="200"}`)).toBe(
      1,
    );
    expect(sample(text, `chatapp_http_request_duration_seconds_count{method="GET",route="${route}"}`)).toBe(
      4,
    );
    // No raw path, id or procedure name a client made up reaches a label.
    for (const raw of ['987654321', '123456789', 'no.such', `/conversations/${id}`]) {
      expect(text).not.toContain(raw);
    }
  });

  it('follows open sockets per kind, and measures the hub’s delivery lag of each event', async () => {
    const api = client(server.baseUrl);
    const [a, b] = [await createUser(api), await createUser(api)];
    const id = await openChat(api, a, b);
    const lagBefore = sample(await scrape(server), 'chatapp_hub_delivery_lag_seconds_count') ?? 0;

    const sockets = [
      await LegacySocketClient.connect(server.port, a.token),
      await LegacySocketClient.connect(server.port, b.token),
    ];
    expect(sample(await scrape(server), 'chatapp_open_sockets{kind="legacy"}')).toBe(2);
    expect(sample(await scrape(server), 'chatapp_open_sockets{kind="trpc"}')).toBe(0);

    const sent = await api.post(
      `/api/v1/conversations/${id}/messages`,
      { body: 'lag, please' },
      { token: a.token },
    );
    expect(sent.status).toBe(200);
    await expect
      .poll(async () => sample(await scrape(server), 'chatapp_hub_delivery_lag_seconds_count') ?? 0)
      .toBeGreaterThan(lagBefore);

    await Promise.all(sockets.map((socket) => socket.close()));
    await expect
      .poll(async () => sample(await scrape(server), 'chatapp_open_sockets{kind="legacy"}'))
      .toBe(0);
  });

  it('shows the database pool on MariaDB (nothing on SQLite, whose one connection has no pool)', async () => {
    const text = await scrape(server);
    const used = sample(text, 'chatapp_db_pool_connections{state="used"}');
    if (server.app.database.dialect === 'mysql') {
      expect(used).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'chatapp_db_pool_connections{state="free"}')).toBeGreaterThan(0);
    } else {
      expect(used).toBeUndefined();
    }
  });
});

describe('/metrics on METRICS_PORT', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ METRICS_PORT: '0' });
  });
  afterAll(() => server.close());

  it('serves the scrape on its own loopback listener without a token, and nothing on the main port', async () => {
    const address = server.app.metricsAddress();
    expect(address?.address).toBe('127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${address?.port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('chatapp_http_requests_total');
    expect((await fetch(`http://127.0.0.1:${address?.port}/other`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(404);
  });
});
