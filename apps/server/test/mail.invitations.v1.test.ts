import { describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from './support/accounts';
import { client } from './support/http';
import { sharedInvitationServer, tokenOf } from './support/invitations';
import { startTestServer } from './support/server';
import { invitationLinkIn } from './support/smtp-sink';

// Issue 16 item 4, the typed door: the invitations procedure and its v1 route, accepting a link, the rate limits
// (S14), the welcome mail, the mail queue for administrators, and a link that expires; every mail through a real
// SMTP server. The legacy /addbyemail/: mail.invitations.test.ts.
const mailing = sharedInvitationServer();

describe('the typed procedure and its v1 route', () => {
  it('POST /api/v1/invitations invites; accept sets the password and signs in (a token)', async () => {
    const res = await mailing.api.post<{ id: number; email: string }>(
      '/api/v1/invitations',
      { email: 'frank@example.com' },
      { token: mailing.admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'frank@example.com' });
    const link = invitationLinkIn(await mailing.mailTo('frank@example.com'));

    const described = await mailing.api.get<{ email: string }>(
      `/api/v1/invitations/link?token=${encodeURIComponent(tokenOf(link))}`,
    );
    expect(described.status).toBe(200);
    expect(described.body.email).toBe('frank@example.com');

    const weak = await mailing.api.post('/api/v1/invitations/accept', {
      token: tokenOf(link),
      password: 'weak',
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ message: 'Password must be at least 8 characters long' });

    const accepted = await mailing.api.post<{ id: number; token: string }>('/api/v1/invitations/accept', {
      token: tokenOf(link),
      password: PASSWORD,
      username: 'frank',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.id).toBe(res.body.id);
    const me = await mailing.api.get<{ username: string; email: string }>('/api/v1/users/me', {
      token: accepted.body.token,
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'frank', email: 'frank@example.com' });
  });

  it('answers bad input with a clear 4xx JSON, never a 500', async () => {
    const cases: Array<[string, unknown, string | undefined]> = [
      ['/api/v1/invitations', { email: 5 }, mailing.admin.token],
      ['/api/v1/invitations', { email: 'x@example.com', extra: 1 }, mailing.admin.token],
      ['/api/v1/invitations', { email: 'a'.repeat(300) }, mailing.admin.token],
      ['/api/v1/invitations', { email: 'x@example.com' }, undefined],
      ['/api/v1/invitations/accept', {}, undefined],
      ['/api/v1/invitations/accept', { token: 'nope', password: PASSWORD }, undefined],
      ['/api/v1/invitations/accept', { token: ['x'], password: PASSWORD }, undefined],
    ];
    for (const [path, body, token] of cases) {
      const res = await mailing.api.post<{ message?: string }>(path, body, token ? { token } : {});
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      expect(typeof res.body.message).toBe('string');
    }
    const page = await fetch(`${mailing.server.baseUrl}/invitations/accept?token=unknown`);
    expect(page.status).toBe(400);
    const noToken = await fetch(`${mailing.server.baseUrl}/invitations/accept`, {
      method: 'POST',
      body: new URLSearchParams({ password: 'x' }),
    });
    expect(noToken.status).toBe(400);
  });

  it('the page refuses two different passwords and keeps the link usable', async () => {
    await mailing.api.post('/addbyemail/', { email: 'grace@example.com' }, { token: mailing.admin.token });
    const link = invitationLinkIn(await mailing.mailTo('grace@example.com'));
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
    const caller = await createUser(mailing.api);
    for (let i = 0; i < 8; i += 1) {
      const res = await mailing.api.post(
        '/addbyemail/',
        { email: `burst${i}@example.com` },
        { token: caller.token },
      );
      expect(res.status).toBe(201);
    }
    const over = await mailing.api.post(
      '/addbyemail/',
      { email: 'burst9@example.com' },
      { token: caller.token },
    );
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ success: false, data: null });
  });
});

describe('welcome mail', () => {
  it('greets a new account by its username, without the password (S11)', async () => {
    const res = await mailing.api.post('/signup/', {
      username: 'heidi',
      email: 'heidi@example.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    const mail = await mailing.mailTo('heidi@example.com');
    expect(mail.subject).toBe('Welcome to ChatApp!');
    expect(mail.text).toContain('Hello heidi,');
    expect(mail.raw).not.toContain(PASSWORD);
  });

  it('queues nothing for a sign-up that fails', async () => {
    const res = await mailing.api.post('/signup/', {
      username: 'heidi',
      email: 'other@example.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailing.sink.received.some((m) => m.to.includes('other@example.com'))).toBe(false);
  });
});

describe('the mail queue for administrators', () => {
  it('shows counts, attempts and last errors to the first account only', async () => {
    const res = await mailing.api.get<{
      counts: Record<string, number>;
      mails: Array<Record<string, unknown>>;
    }>('/api/v1/admin/mail', { token: mailing.admin.token });
    expect(res.status).toBe(200);
    expect(res.body.counts.sent).toBeGreaterThan(0);
    expect(res.body.mails[0]).toMatchObject({ status: expect.any(String), attempts: expect.any(Number) });
    expect(res.body.mails[0]).toHaveProperty('last_error');
    const forbidden = await mailing.api.get('/api/v1/admin/mail', { token: mailing.inviter.token });
    expect(forbidden.status).toBe(403);
    const anonymous = await mailing.api.get('/api/v1/admin/mail');
    expect(anonymous.status).toBe(401);
    const wrongStatus = await mailing.api.get('/api/v1/admin/mail?status=lost', {
      token: mailing.admin.token,
    });
    expect(wrongStatus.status).toBe(400);
    const dead = await mailing.api.get<{ mails: unknown[] }>('/api/v1/admin/mail?status=dead&limit=5', {
      token: mailing.admin.token,
    });
    expect(dead.status).toBe(200);
    expect(dead.body.mails).toEqual([]);
  });

  it('also shows it to the usernames in ADMIN_USERNAMES (any case)', async () => {
    const named = await createUser(mailing.api, 'mail.admin');
    const res = await mailing.api.get('/api/v1/admin/mail', { token: named.token });
    expect(res.status).toBe(200);
  });
});

describe('an invitation link that is not used in time', () => {
  it('expires: the page and the procedure refuse it', async () => {
    const short = await startTestServer({
      SMTP_URL: mailing.sink.url,
      MAIL_POLL_MS: '100',
      INVITE_LINK_TTL_MINUTES: '0.01',
    });
    try {
      const shortApi = client(short.baseUrl);
      const someone = await createUser(shortApi);
      expect(
        (await shortApi.post('/addbyemail/', { email: 'slow@example.com' }, { token: someone.token })).status,
      ).toBe(201);
      const link = invitationLinkIn(await mailing.mailTo('slow@example.com'));
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
