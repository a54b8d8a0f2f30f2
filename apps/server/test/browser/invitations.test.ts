import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/accounts';
import { checkBothSchemes } from '../support/both-schemes';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser } from '../support/browser';
import { conversationPane, ON_SCREEN } from '../support/messenger';
import { expectClean } from '../support/page-health';
import { type Person, sessionToken, signedIn, usernameFor } from '../support/people';
import { invitationLinkIn, type ReceivedMail, type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { eventually } from '../support/sockets';
import { useWebServer } from '../support/web-server';

// Issue 18 items 3 and 7: inviting by email from the people search, and the web page the mail's link opens, with
// every mail through a real SMTP server on loopback.

/** Opens "New chat" and types into its people search. */
async function searchPeople(person: Person, query: string) {
  const { page } = person;
  await page.getByRole('button', { name: 'New chat', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New chat' });
  await dialog.getByLabel('Search people').fill(query);
  return dialog;
}

describe.skipIf(skipBrowserSuite('invitations'))('invitations', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.stop();
  });
  const { server, api } = useWebServer(() => ({
    SMTP_URL: sink.url,
    MAIL_POLL_MS: '100',
    MAIL_RETRY_BASE_MS: '100',
    INVITES_PER_HOUR: '3',
  }));
  const browser = useIsolatedBrowser();

  async function mailTo(address: string): Promise<ReceivedMail> {
    await eventually(async () => sink.received.some((mail) => mail.to.includes(address)), 15_000);
    const mail = sink.received.find((m) => m.to.includes(address));
    if (!mail) throw new Error(`no mail to ${address}`);
    return mail;
  }

  it('invites from the people search; the mail’s link opens the web page, which signs the invitee in, then says it is used', async () => {
    const zoe = await signedIn(await browser(), server().baseUrl, 'Zoe', 'Marsh');
    const address = `${usernameFor('newbie')}@example.com`;
    const dialog = await searchPeople(zoe, address);
    const invite = dialog.getByRole('region', { name: 'Not on ChatApp yet? Invite them by email' });
    const field = invite.getByLabel('Email address to invite');
    await expect.poll(() => field.inputValue(), ON_SCREEN).toBe(address);
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite.getByRole('status').getByText(`Invitation sent to ${address}`).waitFor();
    await checkBothSchemes(zoe.page, 'invite-sent');

    const link = invitationLinkIn(await mailTo(address));
    expect(link.startsWith(`${server().baseUrl}/invitations/accept?token=`)).toBe(true);

    const context = await (await browser()).newContext({ viewport: { width: 1280, height: 800 } });
    const watched = await context.newPage();
    const { page } = watched;
    await page.goto(link);
    const form = page.getByRole('form', { name: 'Join ChatApp' });
    await form.getByRole('heading', { name: 'Zoe Marsh invited you to ChatApp' }).waitFor();
    await form.getByText(address).waitFor();
    // The sign-up form's rules, as the invitee types.
    await form.getByLabel('Username').fill('9lives');
    await form.getByLabel('Password').fill('short');
    await form.getByText('Password must be at least 8 characters long').waitFor();
    await form.getByText(/^Username must start with a letter/).waitFor();
    await checkBothSchemes(page, 'invitation-form');

    const username = usernameFor('newbie');
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Join ChatApp' }).click();
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const token = await sessionToken(page);
    if (!token) throw new Error('no API token in the invitee’s session');
    const me = await api().get<{ username: string; email: string }>('/api/v1/users/me', { token });
    expect(me.body).toMatchObject({ username, email: address });

    // Spent: the link now says so (and offers to sign in).
    await page.goto(link);
    const alert = page.getByRole('alert').filter({ hasText: 'no longer works' });
    await alert.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    expect(await alert.textContent()).toContain('already been used');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await checkBothSchemes(page, 'invitation-used');
    // Chromium logs the refused look-up of the spent link (HTTP 400) as a console error; the app logs none.
    expectClean(watched, { allowConsole: [/status of 400/] });
    expectClean(zoe.watched);
    await context.close();
  });

  it('shows the API’s answers: an invalid address, someone already here (with a chat to open), too many invitations', async () => {
    const [yan, xia] = [
      await signedIn(await browser(), server().baseUrl, 'Yan', 'Ito'),
      await signedIn(await browser(), server().baseUrl, 'Xia', 'Wong'),
    ];
    const dialog = await searchPeople(yan, 'zzqq nobody');
    await dialog.getByText('No one found').waitFor();
    const invite = dialog.getByRole('region', { name: 'Not on ChatApp yet? Invite them by email' });
    const field = invite.getByLabel('Email address to invite');
    const send = invite.getByRole('button', { name: 'Send invitation' });

    await field.fill('not-an-email');
    await send.click();
    await invite.getByText('Invalid email format').waitFor();

    await field.fill(xia.email.toUpperCase());
    await send.click();
    await invite.getByText('is already on ChatApp').waitFor();
    await invite.getByRole('button', { name: 'Open a chat' }).click();
    await yan.page.waitForURL(/\/c\/\d+$/);
    await conversationPane(yan.page)
      .getByRole('heading', { level: 2, name: xia.name, exact: true })
      .waitFor();

    // INVITES_PER_HOUR is 3: two through the API, the third in the dialog, the fourth refused.
    for (const n of [1, 2]) {
      const res = await api().post(
        '/api/v1/invitations',
        { email: `limit${n}-${yan.username}@example.com` },
        { token: yan.token },
      );
      expect(res.status).toBe(200);
    }
    const again = await searchPeople(yan, `limit3-${yan.username}@example.com`);
    const inviteAgain = again.getByRole('region', { name: 'Not on ChatApp yet? Invite them by email' });
    await inviteAgain.getByRole('button', { name: 'Send invitation' }).click();
    await inviteAgain.getByText(/^Invitation sent to/).waitFor();
    await inviteAgain.getByLabel('Email address to invite').fill(`limit4-${yan.username}@example.com`);
    await inviteAgain.getByRole('button', { name: 'Send invitation' }).click();
    // The API's own words ("Too many invitations…; try again …").
    await inviteAgain.getByText(/^Too many invitations.*try again/).waitFor();
    // Chromium logs each refused request (HTTP 400, 409, 429) as a console error; the app logs none of its own.
    expectClean(yan.watched, { allowConsole: [/status of (400|409|429)/] });
  });

  it('says an expired link has expired', async () => {
    const wes = await signedIn(await browser(), server().baseUrl, 'Wes', 'Hart');
    const address = `${usernameFor('late')}@example.com`;
    const invited = await api().post('/api/v1/invitations', { email: address }, { token: wes.token });
    expect(invited.status).toBe(200);
    const link = invitationLinkIn(await mailTo(address));
    // Its time runs out (as INVITE_LINK_TTL_MINUTES would have it), without waiting for it.
    await server()
      .app.deps.db.updateTable('password_links')
      .set({ expires_at: Date.now() - 1_000 })
      .where('created_by', '=', wes.id)
      .execute();

    const context = await (await browser()).newContext({ viewport: { width: 1280, height: 800 } });
    const watched = await context.newPage();
    await watched.page.goto(link);
    const alert = watched.page.getByRole('alert').filter({ hasText: 'no longer works' });
    await alert.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    expect(await alert.textContent()).toContain('It has expired');
    expect(await watched.page.getByRole('form', { name: 'Join ChatApp' }).count()).toBe(0);
    await checkBothSchemes(watched.page, 'invitation-expired');
    expectClean(watched, { allowConsole: [/status of 400/] });
    await context.close();
  });
});
