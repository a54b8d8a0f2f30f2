import { describe, expect, it } from 'vitest';
import { PASSWORD } from './support/accounts';
import { sharedInvitationServer, tokenOf } from './support/invitations';
import { invitationLinkIn, type ReceivedMail } from './support/smtp-sink';
import { eventually } from './support/sockets';

// Issue 16 item 4, the legacy door: /addbyemail/ (legacy shapes, now signed-in only, validated), the one-time link
// and its page; every mail through a real SMTP server. The typed procedure, its v1 route, limits, the welcome mail
// and the admin's queue: mail.invitations.v1.test.ts.
const mailing = sharedInvitationServer();

describe('POST /addbyemail/', () => {
  it('invites a signed-in caller’s address: 201 {email}, and the mail arrives with the inviter’s name and a working link', async () => {
    const res = await mailing.api.post(
      '/addbyemail/',
      { email: 'eve@example.com' },
      { token: mailing.inviter.token },
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      success: true,
      message: 'User registered successfully',
      data: { email: 'eve@example.com' },
    });

    const mail = await mailing.mailTo('eve@example.com');
    expect(mail.to).toEqual(['eve@example.com']);
    expect(mail.subject).toBe("Zoe O'Neil invited you to ChatApp");
    expect(mail.text).toContain("Zoe O'Neil invited you to ChatApp.");
    expect(mail.html).toContain('Zoe O&#39;Neil');
    expect(mail.html).not.toContain("O'Neil");
    // Never a password (S11, S13): no "Password:" line and no default password.
    expect(mail.text).not.toMatch(/password:/i);
    expect(mail.raw).not.toContain('Pakistan123@');
    const link = invitationLinkIn(mail);
    expect(link.startsWith(`${mailing.server.baseUrl}/invitations/accept?token=`)).toBe(true);

    // The page shows whose link it is.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('eve@example.com');

    // The invited account cannot sign in before it chose a password: there is no default one (S13).
    const early = await mailing.api.post('/login/', {
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
    const login = await mailing.api.post<{ success: boolean; data: { token: string } }>('/login/', {
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
    const reuse = await mailing.api.post('/api/v1/invitations/accept', {
      token: tokenOf(link),
      password: 'An0ther-One!',
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({ message: 'This link has expired or has already been used' });
  });

  it('answers an anonymous caller 401 in the legacy envelope, and sends nothing', async () => {
    const before = mailing.sink.received.length;
    const res = await mailing.api.post('/addbyemail/', { email: 'anon@example.com' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, message: 'Unauthorized', data: null });
    const bad = await mailing.api.post(
      '/addbyemail/',
      { email: 'anon@example.com' },
      { token: 'f'.repeat(64) },
    );
    expect(bad.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailing.sink.received.length).toBe(before);
    expect(mailing.sink.received.some((m) => m.to.includes('anon@example.com'))).toBe(false);
  });

  it('refuses a missing or invalid address with 400 in the envelope', async () => {
    const missing = await mailing.api.post('/addbyemail/', {}, { token: mailing.inviter.token });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ success: false, message: 'Email is required', data: null });
    const invalid = await mailing.api.post(
      '/addbyemail/',
      { email: 'not-an-email' },
      { token: mailing.inviter.token },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ success: false, message: 'Invalid email format', data: null });
    const notText = await mailing.api.post<{ success: boolean; message: string }>(
      '/addbyemail/',
      { email: 5 },
      { token: mailing.inviter.token },
    );
    expect(notText.status).toBe(400);
    expect(notText.body.success).toBe(false);
    const malformed = await mailing.api.post('/addbyemail/', undefined, {
      token: mailing.inviter.token,
      raw: '{"email":',
    });
    expect(malformed.status).toBe(400);
  });

  it('answers a second invitation of the same address (any case) 409 in the envelope (C29)', async () => {
    const first = await mailing.api.post(
      '/addbyemail/',
      { email: 'twice@example.com' },
      { token: mailing.inviter.token },
    );
    expect(first.status).toBe(201);
    const second = await mailing.api.post(
      '/addbyemail/',
      { email: 'Twice@Example.com' },
      { token: mailing.admin.token },
    );
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ success: false, message: 'Email already exists', data: null });
    const taken = await mailing.api.post(
      '/addbyemail/',
      { email: mailing.admin.email },
      { token: mailing.inviter.token },
    );
    expect(taken.status).toBe(409);
  });

  it('invites an address again once its link expired unused: a new link works, the old one stays refused', async () => {
    const first = await mailing.api.post(
      '/addbyemail/',
      { email: 'late@example.com' },
      { token: mailing.inviter.token },
    );
    expect(first.status).toBe(201);
    const oldLink = invitationLinkIn(await mailing.mailTo('late@example.com'));
    // While the link is live, the address is taken (the invitee may still use it).
    expect(
      (await mailing.api.post('/addbyemail/', { email: 'late@example.com' }, { token: mailing.admin.token }))
        .status,
    ).toBe(409);
    // Its time runs out unused.
    const { db } = mailing.server.app.deps;
    const invitee = db.selectFrom('users').select('id').where('email_key', '=', 'late@example.com');
    await db
      .updateTable('password_links')
      .set({ expires_at: Date.now() - 1 })
      .where('user_id', 'in', invitee)
      .execute();

    const again = await mailing.api.post(
      '/addbyemail/',
      { email: 'late@example.com' },
      { token: mailing.admin.token },
    );
    expect(again.status).toBe(201);
    const mails = () => mailing.sink.received.filter((m) => m.to.includes('late@example.com'));
    await eventually(() => mails().length === 2, 5_000);
    const newLink = invitationLinkIn(mails()[1] as ReceivedMail);
    expect(newLink).not.toBe(oldLink);
    expect(
      (
        await mailing.api.post(
          '/addbyemail/',
          { email: 'late@example.com' },
          { token: mailing.inviter.token },
        )
      ).status,
    ).toBe(409);
    const refused = await mailing.api.post('/api/v1/invitations/accept', {
      token: tokenOf(oldLink),
      password: PASSWORD,
    });
    expect(refused.status).toBe(400);
    const accepted = await mailing.api.post('/api/v1/invitations/accept', {
      token: tokenOf(newLink),
      password: PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(await invitee.execute()).toHaveLength(1);
    // A member now: taken for good, even once no link is live.
    expect(
      (
        await mailing.api.post(
          '/addbyemail/',
          { email: 'late@example.com' },
          { token: mailing.inviter.token },
        )
      ).status,
    ).toBe(409);
  });

  it('ignores a password in the request: no one chooses the invitee’s password (S13, S30)', async () => {
    const res = await mailing.api.post(
      '/addbyemail/',
      { email: 'chosen@example.com', password: 'Chosen-Pass1!' },
      { token: mailing.inviter.token },
    );
    expect(res.status).toBe(201);
    const login = await mailing.api.post('/login/', {
      username: '',
      email: 'chosen@example.com',
      password: 'Chosen-Pass1!',
    });
    expect(login.status).toBe(400);
    const mail = await mailing.mailTo('chosen@example.com');
    expect(mail.raw).not.toContain('Chosen-Pass1!');
  });
});
