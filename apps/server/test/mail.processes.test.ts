import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/database';
import { client } from './support/http';
import { type ServerProcess, spawnServerProcess } from './support/server-process';
import { freePort, type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { eventually } from './support/sockets';
import { spawnWorkerProcess, type WorkerProcess } from './support/worker-process';

// Issue 16: what only separate processes show. Two senders (a server and a `pnpm worker`) share one outbox and send
// every mail exactly once; a server killed between the commit and the send loses nothing. On SQLite and, with
// DATABASE_URL, on MariaDB (where claims use FOR UPDATE SKIP LOCKED).
const MAIL_ENV = {
  SCRYPT_LOG_N: '12',
  MAIL_POLL_MS: '100',
  MAIL_RETRY_BASE_MS: '100',
  MAIL_RETRY_MAX_MS: '300',
  MAIL_LEASE_MS: '2000',
  INVITES_PER_HOUR: '1000',
  // Retries are fast here, and no mail may die while the test keeps the SMTP server away on purpose.
  MAIL_MAX_ATTEMPTS: '100',
};

let database: TestDatabase;
const servers: ServerProcess[] = [];
const workers: WorkerProcess[] = [];
const sinks: SmtpSink[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all([...servers, ...workers].map((p) => p.stop().catch(() => undefined)));
  await Promise.all(sinks.map((sink) => sink.stop()));
  await database.drop();
});

async function server(env: Record<string, string>): Promise<ServerProcess> {
  const started = await spawnServerProcess({ DATABASE_URL: database.url, ...MAIL_ENV, ...env });
  servers.push(started);
  return started;
}

async function sink(port?: number): Promise<SmtpSink> {
  const started = await startSmtpSink(port === undefined ? {} : { port });
  sinks.push(started);
  return started;
}

describe('several senders and crashes', () => {
  it('two sender processes send each mail exactly once', async () => {
    const port = await freePort();
    const smtp = { SMTP_URL: `smtp://127.0.0.1:${port}` };
    // Each sender signs its mail with its own From, so the test can tell that both took part.
    const first = await server({ ...smtp, MAIL_FROM: 'server@example.com' });
    const worker = await spawnWorkerProcess({
      DATABASE_URL: database.url,
      ...MAIL_ENV,
      ...smtp,
      MAIL_FROM: 'worker@example.com',
    });
    workers.push(worker);
    expect(worker.output()).toContain(`mail: sent here through SMTP to 127.0.0.1:${port}`);

    const api = client(first.baseUrl);
    const inviter = await createUser(api);
    const addresses = Array.from({ length: 30 }, (_, i) => `pair${i}@example.com`);
    // While the SMTP server is down every mail waits queued, so both senders then race for all of them.
    for (const email of addresses) {
      const invited = await api.post('/addbyemail/', { email }, { token: inviter.token });
      // On a failure, what the server logged says why (it runs in its own process).
      expect(invited.status, `${JSON.stringify(invited.body)}\n${first.output().slice(-2_000)}`).toBe(201);
    }
    const mailbox = await sink(port);
    await eventually(() => addresses.every((a) => mailbox.received.some((m) => m.to.includes(a))), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const address of addresses) {
      expect(
        mailbox.received.filter((mail) => mail.to.includes(address)),
        address,
      ).toHaveLength(1);
    }
    const invitations = mailbox.received.filter((mail) => addresses.some((a) => mail.to.includes(a)));
    expect(new Set(invitations.map((mail) => mail.from))).toEqual(
      new Set(['server@example.com', 'worker@example.com']),
    );
    const outbox = await api.get<{ counts: { queued: number; sent: number; dead: number } }>(
      '/api/v1/admin/mail',
      { token: inviter.token },
    );
    expect(outbox.body.counts).toEqual({ queued: 0, sent: addresses.length + 1, dead: 0 });
    await first.stop();
    await worker.stop();
  }, 90_000);

  it('a server killed between the commit and the send still sends the mail after a restart', async () => {
    const mailbox = await sink();
    const smtp = { SMTP_URL: mailbox.url };
    const first = await server(smtp);
    const api = client(first.baseUrl);
    const inviter = await createUser(api);
    await eventually(() => mailbox.received.length === 1, 15_000);

    // The SMTP server takes the mail's data but never answers: the send is in flight when the process dies.
    mailbox.stall = true;
    expect(
      (await api.post('/addbyemail/', { email: 'crash@example.com' }, { token: inviter.token })).status,
    ).toBe(201);
    await eventually(() => mailbox.stalled >= 1, 15_000);
    await first.crash();
    mailbox.stall = false;
    expect(mailbox.received.some((mail) => mail.to.includes('crash@example.com'))).toBe(false);

    // Its lease runs out and the restarted process sends it.
    await server(smtp);
    await eventually(() => mailbox.received.some((mail) => mail.to.includes('crash@example.com')), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailbox.received.filter((mail) => mail.to.includes('crash@example.com'))).toHaveLength(1);
  }, 90_000);
});
