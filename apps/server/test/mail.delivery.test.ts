import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { client } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { freePort, type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { eventually } from './support/sockets';

// Issue 16 items 2 and 3: the background sender's retries, backoff and dead mail, and the .eml transport. Short
// retry delays and polls through configuration keep these fast.
const FAST = {
  MAIL_POLL_MS: '100',
  MAIL_RETRY_BASE_MS: '150',
  MAIL_RETRY_MAX_MS: '400',
  MAIL_LEASE_MS: '2000',
};

interface OutboxView {
  counts: { queued: number; sent: number; dead: number };
  mails: Array<{ to: string; status: string; attempts: number; last_error: string | null }>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverWith(env: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer({ ...FAST, ...env });
  cleanups.push(() => server.close());
  return server;
}

async function sinkAt(options: { port?: number; refuse?: string[] } = {}): Promise<SmtpSink> {
  const sink = await startSmtpSink(options);
  cleanups.push(() => sink.stop());
  return sink;
}

describe('the background sender', () => {
  it('retries while the SMTP server is down and delivers once when it is back', async () => {
    const port = await freePort();
    // Fast retries: enough attempts that the mail outlives the outage however slow the machine is.
    const server = await serverWith({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_MAX_ATTEMPTS: '100' });
    const api = client(server.baseUrl);
    const admin = await createUser(api);
    const res = await api.post('/addbyemail/', { email: 'later@example.com' }, { token: admin.token });
    expect(res.status).toBe(201);

    // Nobody listens: attempts fail and are recorded with their error, the mail stays queued.
    const outbox = async () => (await api.get<OutboxView>('/api/v1/admin/mail', { token: admin.token })).body;
    const invitation = async () => (await outbox()).mails.find((mail) => mail.to === 'later@example.com');
    await eventually(async () => ((await invitation())?.attempts ?? 0) >= 2, 5_000);
    const waiting = await invitation();
    expect(waiting?.status).toBe('queued');
    expect(waiting?.last_error).toMatch(/ECONNREFUSED|connect/i);

    const sink = await sinkAt({ port });
    await eventually(() => sink.received.some((mail) => mail.to.includes('later@example.com')), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(sink.received.filter((mail) => mail.to.includes('later@example.com'))).toHaveLength(1);
    expect((await invitation())?.status).toBe('sent');
  });

  it('marks a permanently refused address dead after MAIL_MAX_ATTEMPTS and goes on with the others (C35)', async () => {
    const sink = await sinkAt({ refuse: ['nobody@example.com'] });
    const server = await serverWith({ SMTP_URL: sink.url, MAIL_MAX_ATTEMPTS: '3' });
    const api = client(server.baseUrl);
    const admin = await createUser(api);
    for (const email of ['nobody@example.com', 'first@example.com', 'second@example.com']) {
      expect((await api.post('/addbyemail/', { email }, { token: admin.token })).status).toBe(201);
    }
    const outbox = async () => (await api.get<OutboxView>('/api/v1/admin/mail', { token: admin.token })).body;
    await eventually(async () => (await outbox()).counts.dead === 1, 8_000);
    const view = await outbox();
    const dead = view.mails.find((mail) => mail.to === 'nobody@example.com');
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 });
    expect(dead?.last_error).toMatch(/^550/);
    for (const email of ['first@example.com', 'second@example.com']) {
      expect(sink.received.filter((mail) => mail.to.includes(email))).toHaveLength(1);
    }

    // Dead means never tried again.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await outbox()).mails.find((mail) => mail.to === 'nobody@example.com')?.attempts).toBe(3);
    expect(sink.received.some((mail) => mail.to.includes('nobody@example.com'))).toBe(false);
  });

  it('picks up a new mail within a second or two, woken by its commit rather than a slow poll', async () => {
    const sink = await sinkAt();
    // A poll this slow would not deliver in time: the commit's signal must wake the sender.
    const server = await serverWith({ SMTP_URL: sink.url, MAIL_POLL_MS: '60000' });
    const api = client(server.baseUrl);
    const admin = await createUser(api);
    const started = Date.now();
    await api.post('/addbyemail/', { email: 'prompt@example.com' }, { token: admin.token });
    // Typically well under a second; the margin is for a busy machine. Without the wake-up it takes the 60 s poll.
    await eventually(() => sink.received.some((mail) => mail.to.includes('prompt@example.com')), 3_000);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('without SMTP_URL', () => {
  it('writes each mail as an .eml file under DATA_DIR/mail, with its link readable', async () => {
    const server = await serverWith({});
    const api = client(server.baseUrl);
    const admin = await createUser(api);
    await api.post('/addbyemail/', { email: 'files@example.com' }, { token: admin.token });
    const folder = join(server.dataDir, 'mail');
    const emlFiles = () => {
      try {
        return readdirSync(folder).filter((name) => name.endsWith('.eml'));
      } catch {
        return [];
      }
    };
    // The welcome mail of the admin and the invitation.
    await eventually(() => emlFiles().length === 2, 5_000);
    const contents = emlFiles().map((name) => readFileSync(join(folder, name), 'utf8'));
    const invitation = contents.find((text) => text.includes('To: files@example.com'));
    expect(invitation).toBeDefined();
    expect(invitation?.replace(/=\n/g, '')).toContain('/invitations/accept?token=3D');
    expect(server.app.mail).toBe(`sent here through .eml files in ${folder}`);
  });
});
