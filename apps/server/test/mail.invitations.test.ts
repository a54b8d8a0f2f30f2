import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, type TestUser } from './support/accounts';
import { client, type TestClient } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { invitationLinkIn, type ReceivedMail, type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { eventually } from './support/sockets';

// Issue 16 item 4: /addbyemail/ (legacy shapes, now signed-in only, validated, rate-limited), the typed procedure and
// its v1 route, the one-time link and its page, the welcome mail; every mail through a real SMTP server.
let sink: SmtpSink;
let server: TestServer;
let api: TestClient;
let admin: TestUser;
let inviter: TestUser;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startTestServer({
    SMTP_URL: sink.url,
    MAIL_PRODUCT_NAME: 'ChatApp',
    MAIL_POLL_MS: '100',
    MAIL_RETRY_BASE_MS: '100',
    INVITES_PER_HOUR: '8',
    ADMIN_USERNAMES: 'Mail.Admin, someone_else',
  });
  api = client(server.baseUrl);
  admin = await createUser(api);
  inviter = await createUser(api);
  // A name with a character HTML must escape, in the inviter's own profile.
  const named = await api.put(
    '/update/',
    { first_name: 'Zoe', last_name: "O'Neil" },
    { token: inviter.token },
  );
  if (named.status !== 200) throw new Error(`update failed: ${JSON.stringify(named.body)}`);
});
afterAll(async () => {
  await server?.close();
  await sink?.stop();
});

async function mailTo(address: string): Promise<ReceivedMail> {
  await eventually(() => sink.received.some((mail) => mail.to.includes(address)), 5_000);
  const mail = sink.received.find((m) => m.to.includes(address));
  if (!mail) throw new Error(`no mail to ${address}`);
  return mail;
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

describe('POST /addbyemail/', () => {
  it('invites a signed-in caller’s address: 201 {email}, and the mail arrives with the inviter’s name and a working link', async () => {
    const res = await api.post('/addbyemail/', { email: 'eve@example.com' }, { token: inviter.token });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      success: true,
      message: 'User registered successfully',
      data: { email: 'eve@example.com' },
    });

    const mail = await mailTo('eve@example.com');
    expect(mail.to).toEqual(['eve@example.com']);
    expect(mail.subject).toBe("Zoe O'Neil invited you to ChatApp");
    expect(mail.text).toContain("Zoe O'Neil invited you to ChatApp.");
    expect(mail.html).toContain('Zoe O&#39;Neil');
    expect(mail.html).not.toContain("O'Neil");
    // Never a password (S11, S13): no "Password:" line and no default password.
    expect(mail.text).not.toMatch(/password:/i);
    expect(mail.raw).not.toContain('Pakistan123@');
    const link = invitationLinkIn(mail);
    expect(link.startsWith(`${server.baseUrl}/invitations/accept?token=`)).toBe(true);

    // The page shows whose link it is.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('eve@example.com');

    // The invited account cannot sign in before it chose a password: there is no default one (S13).
    const early = await api.post('/login/', {
      username: '',
      email: 'eve@example.com',
      password: 'Pakistan123@',
    });
    expect(early.status).toBe(400);

    // The page's form sets the password (once) and the account signs in with it.
    const form = new URLSearchParams({
      token: tokenOf(link),
      password: 'N3w-Secret!',
      confirm_password: 'N3w-Secret!',
    });
    const posted = await fetch(link, { method: 'POST', body: form });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Your password is set');
    const login = await api.post<{ success: boolean; data: { token: string } }>('/login/', {
      username: '',
      email: 'eve@example.com',
      password: 'N3w-Secret!',
    });
    expect(login.status).toBe(200);
    expect(login.body.data.token).toMatch(/^[0-9a-f]{64}$/);

    // The link works once: the page and the procedure refuse it now.
    const again = await fetch(link);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This link has expired or has already been used');
    const reuse = await api.post('/api/v1/invitations/accept', {
      token: tokenOf(link),
      password: 'An0ther-One!',
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({ message: 'This link has expired or has already been used' });
  });

  it('answers an anonymous caller 401 in the legacy envelope, and sends nothing', async () => {
    const before = sink.received.length;
    const res = await api.post('/addbyemail/', { email: 'anon@example.com' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, message: 'Unauthorized', data: null });
    const bad = await api.post('/addbyemail/', { email: 'anon@example.com' }, { token: 'f'.repeat(64) });
    expect(bad.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.received.length).toBe(before);
    expect(sink.received.some((m) => m.to.includes('anon@example.com'))).toBe(false);
  });

  it('refuses a missing or invalid address with 400 in the envelope', async () => {
    const missing = await api.post('/addbyemail/', {}, { token: inviter.token });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ success: false, message: 'Email is required', data: null });
    const invalid = await api.post('/addbyemail/', { email: 'not-an-email' }, { token: inviter.token });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ success: false, message: 'Invalid email format', data: null });
    const notText = await api.post<{ success: boolean; message: string }>(
      '/addbyemail/',
      { email: 5 },
      { token: inviter.token },
    );
    expect(notText.status).toBe(400);
    expect(notText.body.success).toBe(false);
    const malformed = await api.post('/addbyemail/', undefined, { token: inviter.token, raw: '{"email":' });
    expect(malformed.status).toBe(400);
  });

  it('answers a second invitation of the same address (any case) 409 in the envelope (C29)', async () => {
    const first = await api.post('/addbyemail/', { email: 'twice@example.com' }, { token: inviter.token });
    expect(first.status).toBe(201);
    const second = await api.post('/addbyemail/', { email: 'Twice@Example.com' }, { token: admin.token });
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ success: false, message: 'Email already exists', data: null });
    const taken = await api.post('/addbyemail/', { email: admin.email }, { token: inviter.token });
    expect(taken.status).toBe(409);
  });

  it('invites an address again once its link expired unused: a new link works, the old one stays refused', async () => {
    const first = await api.post('/addbyemail/', { email: 'late@example.com' }, { token: inviter.token });
    expect(first.status).toBe(201);
    const oldLink = invitationLinkIn(await mailTo('late@example.com'));
    // While the link is live, the address is taken (the invitee may still use it).
    expect(
      (await api.post('/addbyemail/', { email: 'late@example.com' }, { token: admin.token })).status,
    ).toBe(409);
    // Its time runs out unused.
    const { db } = server.app.deps;
    const invitee = db.selectFrom('users').select('id').where('email_key', '=', 'late@example.com');
    await db
      .updateTable('password_links')
      .set({ expires_at: Date.now() - 1 })
      .where('user_id', 'in', invitee)
      .execute();

    const again = await api.post('/addbyemail/', { email: 'late@example.com' }, { token: admin.token });
    expect(again.status).toBe(201);
    const mails = () => sink.received.filter((m) => m.to.includes('late@example.com'));
    await eventually(() => mails().length === 2, 5_000);
    const newLink = invitationLinkIn(mails()[1] as ReceivedMail);
    expect(newLink).not.toBe(oldLink);
    expect(
      (await api.post('/addbyemail/', { email: 'late@example.com' }, { token: inviter.token })).status,
    ).toBe(409);
    const refused = await api.post('/api/v1/invitations/accept', {
      token: tokenOf(oldLink),
      password: PASSWORD,
    });
    expect(refused.status).toBe(400);
    const accepted = await api.post('/api/v1/invitations/accept', {
      token: tokenOf(newLink),
      password: PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(await invitee.execute()).toHaveLength(1);
    // A member now: taken for good, even once no link is live.
    expect(
      (await api.post('/addbyemail/', { email: 'late@example.com' }, { token: inviter.token })).status,
    ).toBe(409);
  });

  it('ignores a password in the request: no one chooses the invitee’s password (S13, S30)', async () => {
    const res = await api.post(
      '/addbyemail/',
      { email: 'chosen@example.com', password: 'Chosen-Pass1!' },
      { token: inviter.token },
    );
    expect(res.status).toBe(201);
    const login = await api.post('/login/', {
      username: '',
      email: 'chosen@example.com',
      password: 'Chosen-Pass1!',
    });
    expect(login.status).toBe(400);
    const mail = await mailTo('chosen@example.com');
    expect(mail.raw).not.toContain('Chosen-Pass1!');
  });
});

describe('the typed procedure and its v1 route', () => {
  it('POST /api/v1/invitations invites; accept sets the password and signs in (a token)', async () => {
    const res = await api.post<{ id: number; email: string }>(
      '/api/v1/invitations',
      { email: 'frank@example.com' },
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'frank@example.com' });
    const link = invitationLinkIn(await mailTo('frank@example.com'));

    const described = await api.get<{ email: string }>(
      `/api/v1/invitations/link?token=${encodeURIComponent(tokenOf(link))}`,
    );
    expect(described.status).toBe(200);
    expect(described.body.email).toBe('frank@example.com');

    const weak = await api.post('/api/v1/invitations/accept', { token: tokenOf(link), password: 'weak' });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ message: 'Password must be at least 8 characters long' });

    const accepted = await api.post<{ id: number; token: string }>('/api/v1/invitations/accept', {
      token: tokenOf(link),
      password: PASSWORD,
      username: 'frank',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.id).toBe(res.body.id);
    const me = await api.get<{ username: string; email: string }>('/api/v1/users/me', {
      token: accepted.body.token,
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'frank', email: 'frank@example.com' });
  });

  it('answers bad input with a clear 4xx JSON, never a 500', async () => {
    const cases: Array<[string, unknown, string | undefined]> = [
      ['/api/v1/invitations', { email: 5 }, admin.token],
      ['/api/v1/invitations', { email: 'x@example.com', extra: 1 }, admin.token],
      ['/api/v1/invitations', { email: 'a'.repeat(300) }, admin.token],
      ['/api/v1/invitations', { email: 'x@example.com' }, undefined],
      ['/api/v1/invitations/accept', {}, undefined],
      ['/api/v1/invitations/accept', { token: 'nope', password: PASSWORD }, undefined],
      ['/api/v1/invitations/accept', { token: ['x'], password: PASSWORD }, undefined],
    ];
    for (const [path, body, token] of cases) {
      const res = await api.post<{ message?: string }>(path, body, token ? { token } : {});
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      expect(typeof res.body.message).toBe('string');
    }
    const page = await fetch(`${server.baseUrl}/invitations/accept?token=unknown`);
    expect(page.status).toBe(400);
    const noToken = await fetch(`${server.baseUrl}/invitations/accept`, {
      method: 'POST',
      body: new URLSearchParams({ password: 'x' }),
    });
    expect(noToken.status).toBe(400);
  });

  it('the page refuses two different passwords and keeps the link usable', async () => {
    await api.post('/addbyemail/', { email: 'grace@example.com' }, { token: admin.token });
    const link = invitationLinkIn(await mailTo('grace@example.com'));
    const differ = await fetch(link, {
      method: 'POST',
      body: new URLSearchParams({
        token: tokenOf(link),
        password: PASSWORD,
        confirm_password: `${PASSWORD}x`,
      }),
    });
    expect(differ.status).toBe(400);
    expect(await differ.text()).toContain('The two passwords differ');
    const weak = await fetch(link, {
      method: 'POST',
      body: new URLSearchParams({ token: tokenOf(link), password: 'short', confirm_password: 'short' }),
    });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('Password must be at least 8 characters long');
    expect((await fetch(link)).status).toBe(200);
  });
});

describe('rate limits (S14: no open relay)', () => {
  it('bounds invitations per caller and mails per address; over either → 429 in the envelope', async () => {
    const caller = await createUser(api);
    for (let i = 0; i < 8; i += 1) {
      const res = await api.post('/addbyemail/', { email: `burst${i}@example.com` }, { token: caller.token });
      expect(res.status).toBe(201);
    }
    const over = await api.post('/addbyemail/', { email: 'burst9@example.com' }, { token: caller.token });
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ success: false, data: null });
  });
});

describe('welcome mail', () => {
  it('greets a new account by its username, without the password (S11)', async () => {
    const res = await api.post('/signup/', {
      username: 'heidi',
      email: 'heidi@example.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    const mail = await mailTo('heidi@example.com');
    expect(mail.subject).toBe('Welcome to ChatApp!');
    expect(mail.text).toContain('Hello heidi,');
    expect(mail.raw).not.toContain(PASSWORD);
  });

  it('queues nothing for a sign-up that fails', async () => {
    const res = await api.post('/signup/', {
      username: 'heidi',
      email: 'other@example.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.received.some((m) => m.to.includes('other@example.com'))).toBe(false);
  });
});

describe('the mail queue for administrators', () => {
  it('shows counts, attempts and last errors to the first account only', async () => {
    const res = await api.get<{ counts: Record<string, number>; mails: Array<Record<string, unknown>> }>(
      '/api/v1/admin/mail',
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.counts.sent).toBeGreaterThan(0);
    expect(res.body.mails[0]).toMatchObject({ status: expect.any(String), attempts: expect.any(Number) });
    expect(res.body.mails[0]).toHaveProperty('last_error');
    const forbidden = await api.get('/api/v1/admin/mail', { token: inviter.token });
    expect(forbidden.status).toBe(403);
    const anonymous = await api.get('/api/v1/admin/mail');
    expect(anonymous.status).toBe(401);
    const wrongStatus = await api.get('/api/v1/admin/mail?status=lost', { token: admin.token });
    expect(wrongStatus.status).toBe(400);
    const dead = await api.get<{ mails: unknown[] }>('/api/v1/admin/mail?status=dead&limit=5', {
      token: admin.token,
    });
    expect(dead.status).toBe(200);
    expect(dead.body.mails).toEqual([]);
  });

  it('also shows it to the usernames in ADMIN_USERNAMES (any case)', async () => {
    const named = await createUser(api, 'mail.admin');
    const res = await api.get('/api/v1/admin/mail', { token: named.token });
    expect(res.status).toBe(200);
  });
});

describe('an invitation link that is not used in time', () => {
  it('expires: the page and the procedure refuse it', async () => {
    const short = await startTestServer({
      SMTP_URL: sink.url,
      MAIL_POLL_MS: '100',
      INVITE_LINK_TTL_MINUTES: '0.01',
    });
    try {
      const shortApi = client(short.baseUrl);
      const someone = await createUser(shortApi);
      expect(
        (await shortApi.post('/addbyemail/', { email: 'slow@example.com' }, { token: someone.token })).status,
      ).toBe(201);
      const link = invitationLinkIn(await mailTo('slow@example.com'));
      await new Promise((resolve) => setTimeout(resolve, 900));
      const page = await fetch(link);
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('This link has expired or has already been used');
      const accept = await shortApi.post('/api/v1/invitations/accept', {
        token: tokenOf(link),
        password: PASSWORD,
      });
      expect(accept.status).toBe(400);
      const login = await shortApi.post('/login/', {
        username: '',
        email: 'slow@example.com',
        password: PASSWORD,
      });
      expect(login.status).toBe(400);
    } finally {
      await short.close();
    }
  });
});
