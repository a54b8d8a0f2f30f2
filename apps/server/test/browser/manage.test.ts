import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from '../support/accounts';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser } from '../support/browser';
import {
  bubble,
  conversationPane,
  conversationRow,
  createGroup,
  escapeRegExp,
  expectExactlyOnce,
  expectStatus,
  messageLog,
  ON_SCREEN,
  openFromList,
  send,
  startChat,
} from '../support/messenger';
import { expectClean } from '../support/page-health';
import { type Person, signedInAll } from '../support/people';
import { useWebServer } from '../support/web-server';

/** What the page shows under a field for screen readers and eyes alike: the text its aria-describedby names. */
async function noteOf(field: Locator): Promise<string | null> {
  return field.evaluate((element) => {
    const input = element as unknown as {
      getAttribute(name: string): string | null;
      ownerDocument: { getElementById(id: string): { textContent: string | null } | null };
    };
    const id = input.getAttribute('aria-describedby');
    return id ? (input.ownerDocument.getElementById(id)?.textContent ?? null) : null;
  });
}

/** Waits for the note under `field` to read `expected`, and for the field to be marked invalid (or not). */
async function expectNote(field: Locator, expected: string, invalid: boolean): Promise<void> {
  await expect.poll(() => noteOf(field), ON_SCREEN).toBe(expected);
  expect(await field.getAttribute('aria-invalid')).toBe(invalid ? 'true' : null);
}

/** The number of members in a group's header line ("4 members, 2 online"). */
const members = (count: number) => new RegExp(`^${count} members(, \\d+ online)?$`);

/** Opens the open group's info dialog from its header. */
async function openGroupInfo(page: Page): Promise<Locator> {
  await conversationPane(page).getByRole('button', { name: 'Group info' }).click();
  const dialog = page.getByRole('dialog', { name: 'Group info' });
  await dialog.waitFor();
  return dialog;
}

/** Opens the profile dialog from the account menu. */
async function openProfile(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile' });
  await dialog.waitFor();
  return dialog;
}

/** The picture an <img> shows has loaded (a broken or missing file has no natural width). */
async function expectLoaded(image: Locator): Promise<void> {
  await expect
    .poll(
      () => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
      ON_SCREEN,
    )
    .toBeGreaterThan(0);
}

/** Expects the page to show the list, no conversation open (after leaving or being removed). */
async function expectBackOnList(person: Person): Promise<void> {
  await person.page.waitForURL(`${person.baseUrl}/`);
  await expect.poll(() => conversationPane(person.page).count(), ON_SCREEN).toBe(0);
}

describe.skipIf(skipBrowserSuite('messenger: managing groups and accounts'))(
  'messenger: managing groups, profiles and accounts',
  { timeout: BROWSER_TEST_TIMEOUT },
  () => {
    const { server, api } = useWebServer();
    const browser = useIsolatedBrowser();

    it('group info: a member adds a fourth person, the creator removes one, another leaves; live for everyone', async () => {
      const [pia, quentin, rosa, sven] = await signedInAll(await browser(), server().baseUrl, [
        ['Pia', 'Novak'],
        ['Quentin', 'Roux'],
        ['Rosa', 'Ng'],
        ['Sven', 'Olsen'],
      ]);
      if (!pia || !quentin || !rosa || !sven) throw new Error('sign-up failed');
      const groupId = await createGroup(pia, 'Book club', [quentin, rosa]);
      await send(pia.page, 'First book: Dune');
      await openFromList(quentin, 'Book club', groupId);
      await openFromList(rosa, 'Book club', groupId);
      await expectStatus(quentin.page, members(3));

      // Quentin, a member (not the creator), adds Sven from Group info through the server-side people search.
      const quentinInfo = await openGroupInfo(quentin.page);
      expect(await quentinInfo.getByRole('button', { name: `Remove ${rosa.name}` }).count()).toBe(0);
      await quentinInfo.getByRole('button', { name: 'Add members' }).click();
      const adding = quentinInfo.getByRole('region', { name: 'Add members' });
      await adding.getByLabel('Search people').fill(sven.username);
      await adding.getByRole('button', { name: new RegExp(`^${escapeRegExp(sven.name)}`) }).click();
      await adding
        .getByRole('status')
        .filter({ hasText: `${sven.name} was added to the group.` })
        .waitFor();
      await quentinInfo.getByRole('listitem').filter({ hasText: sven.name }).waitFor();
      await quentin.page.keyboard.press('Escape');
      await quentinInfo.waitFor({ state: 'detached' });

      // Everyone's header counts four, live; Sven's list gets the group without a reload, and he can read and send.
      for (const member of [pia, quentin, rosa]) await expectStatus(member.page, members(4));
      await conversationRow(sven.page, 'Book club').waitFor();
      await openFromList(sven, 'Book club', groupId);
      await expectStatus(sven.page, members(4));
      await send(pia.page, 'Welcome, Sven');
      await expectExactlyOnce(bubble(sven.page, 'Welcome, Sven'));
      await send(sven.page, 'Thanks for adding me');
      for (const member of [pia, quentin, rosa])
        await expectExactlyOnce(bubble(member.page, 'Thanks for adding me'));

      // Pia, the creator, removes Rosa, who has the group open: her pane closes and the group leaves her list.
      const piaInfo = await openGroupInfo(pia.page);
      await piaInfo.getByRole('button', { name: `Remove ${rosa.name}` }).click();
      await expect
        .poll(() => piaInfo.getByRole('listitem').filter({ hasText: rosa.name }).count(), ON_SCREEN)
        .toBe(0);
      await pia.page.keyboard.press('Escape');
      await piaInfo.waitFor({ state: 'detached' });
      await expectBackOnList(rosa);
      await expect.poll(() => conversationRow(rosa.page, 'Book club').count(), ON_SCREEN).toBe(0);
      for (const member of [pia, quentin, sven]) await expectStatus(member.page, members(3));

      // Quentin leaves, after a confirmation; the others see the count drop live.
      const leaving = await openGroupInfo(quentin.page);
      await leaving.getByRole('button', { name: 'Leave group' }).click();
      const confirm = quentin.page.getByRole('alertdialog', { name: 'Leave “Book club”?' });
      await confirm.getByRole('button', { name: 'Leave group' }).click();
      await confirm.waitFor({ state: 'detached' });
      await expectBackOnList(quentin);
      await expect.poll(() => conversationRow(quentin.page, 'Book club').count(), ON_SCREEN).toBe(0);
      for (const member of [pia, sven]) await expectStatus(member.page, members(2));

      for (const member of [pia, quentin, rosa, sven]) expectClean(member.watched);
    });

    it('profile: a new name (others see it on their next load), a picture cropped square, a new password', async () => {
      const [tara, uwe] = await signedInAll(await browser(), server().baseUrl, [
        ['Tara', 'Lind'],
        ['Uwe', 'Brandt'],
      ]);
      if (!tara || !uwe) throw new Error('sign-up failed');
      await startChat(tara, uwe);
      await send(tara.page, 'Hello from Tara');
      await conversationRow(uwe.page, tara.name).waitFor();

      // The name: saved from the Details form; Uwe's list and pane name her anew once he loads them again.
      const profile = await openProfile(tara.page);
      const details = profile.getByRole('form', { name: 'Details' });
      await details.getByLabel('First name').fill('Tamara');
      await details.getByLabel('Last name').fill('Lindqvist');
      await details.getByRole('button', { name: 'Save profile' }).click();
      await details.getByRole('status').filter({ hasText: 'Profile saved' }).waitFor();
      await profile.getByText('Tamara Lindqvist', { exact: true }).waitFor();
      await uwe.page.reload();
      const renamed = conversationRow(uwe.page, 'Tamara Lindqvist');
      await renamed.waitFor();
      await renamed.click();
      await conversationPane(uwe.page).getByRole('heading', { level: 2, name: 'Tamara Lindqvist' }).waitFor();

      // The picture: a wide PNG, previewed as the centred square the server keeps, then saved and served from /media/.
      const png = await sharp({
        create: { width: 240, height: 120, channels: 3, background: { r: 200, g: 90, b: 40 } },
      })
        .png()
        .toBuffer();
      await profile.getByLabel('Profile picture file').setInputFiles({
        name: 'me.png',
        mimeType: 'image/png',
        buffer: png,
      });
      const preview = profile.getByRole('img', { name: 'You, cropped as the new profile will be saved' });
      await expectLoaded(preview);
      const box = await preview.boundingBox();
      if (!box) throw new Error('the preview is not on screen');
      expect(Math.round(box.width)).toBe(Math.round(box.height));
      await profile.getByRole('button', { name: 'Save picture' }).click();
      await profile.getByRole('status').filter({ hasText: 'Picture saved' }).waitFor();
      // (Behind the modal dialog, the account menu's button is hidden from the accessibility tree.)
      const headerPicture = tara.page.locator('button[aria-label="Account menu"] img');
      await expectLoaded(headerPicture);
      const src = await headerPicture.getAttribute('src');
      expect(new URL(src ?? '', tara.baseUrl).pathname).toMatch(/^\/media\//);
      const stored = await tara.page.request.get(new URL(src ?? '', tara.baseUrl).href);
      expect(stored.ok()).toBe(true);
      const { width, height } = await sharp(await stored.body()).metadata();
      expect(width).toBe(height);
      await uwe.page.reload();
      const rowPicture = conversationRow(uwe.page, 'Tamara Lindqvist').locator('img');
      await expectLoaded(rowPicture);
      expect(new URL((await rowPicture.getAttribute('src')) ?? '', uwe.baseUrl).pathname).toMatch(
        /^\/media\//,
      );

      // The password: a wrong current one is refused next to its field; the right one changes it.
      const NEW_PASSWORD = 'N3w-passphrase!';
      const passwordForm = profile.getByRole('form', { name: 'Password' });
      const current = passwordForm.getByLabel('Current password');
      await current.fill('Not-the-0ne!');
      await passwordForm.getByLabel('New password').fill(NEW_PASSWORD);
      await passwordForm.getByRole('button', { name: 'Change password' }).click();
      await expectNote(current, 'Current password is incorrect', true);
      await current.fill(PASSWORD);
      // Editing the field clears the refusal.
      await expect.poll(() => noteOf(current), ON_SCREEN).toBeNull();
      expect(await current.getAttribute('aria-invalid')).toBeNull();
      await passwordForm.getByRole('button', { name: 'Change password' }).click();
      await passwordForm
        .getByRole('status')
        .filter({ hasText: 'Password changed. Other devices were signed out.' })
        .waitFor();

      // Signing in elsewhere with the new password works.
      const elsewhere = await (await browser()).newContext({ viewport: { width: 1280, height: 800 } });
      const signIn = await elsewhere.newPage();
      await signIn.page.goto(`${tara.baseUrl}/sign-in`);
      const form = signIn.page.getByRole('form', { name: 'Sign in' });
      await form.getByLabel('Username or email').fill(tara.username);
      await form.getByLabel('Password').fill(NEW_PASSWORD);
      await form.getByRole('button', { name: 'Sign in' }).click();
      await signIn.page.getByRole('heading', { name: 'Chats' }).waitFor();
      await conversationRow(signIn.page, uwe.name).waitFor();

      // The refused password is a 400 answer, which chromium logs; nothing else went wrong.
      expectClean(tara.watched, { allowConsole: [/status of 400 \(Bad Request\)/] });
      expectClean(uwe.watched);
      expectClean(signIn);
    });

    it('sign-up shows the API’s rules next to each field as the user types, and reports a taken username', async () => {
      const taken = await createUser(api(), `taken${Date.now().toString(36)}`);
      const context = await (await browser()).newContext({ viewport: { width: 1280, height: 800 } });
      const watched = await context.newPage();
      const { page } = watched;
      const signUps: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('auth.signUp')) signUps.push(request.url());
      });
      await page.goto(`${server().baseUrl}/sign-up`);
      const form = page.getByRole('form', { name: 'Create your account' });
      // Rules show only once hydrated; the submit button is enabled then.
      await expect
        .poll(() => form.getByRole('button', { name: 'Create account' }).isEnabled(), ON_SCREEN)
        .toBe(true);

      const username = form.getByLabel('Username');
      await username.fill('9lives');
      await expectNote(username, "Username must start with a letter not with '9'", true);
      await username.fill('nine lives');
      await expectNote(username, "Username can only contain letters, numbers, '.' and '_'", true);
      await username.fill(taken.username);
      await expectNote(username, "Starts with a letter; letters, digits, '.' and '_'", false);

      const email = form.getByLabel('Email');
      await email.fill('nina@lives');
      await expectNote(email, 'Invalid email format', true);
      await email.fill('nina@example.com');
      await expect.poll(() => noteOf(email), ON_SCREEN).toBeNull();

      const password = form.getByLabel('Password');
      await password.fill('short');
      await expectNote(password, 'Password must be at least 8 characters long', true);
      await password.fill('longenough');
      await expectNote(password, 'Password must contain at least one uppercase letter', true);
      await password.fill(PASSWORD);
      await expectNote(password, '8+ characters with upper and lower case, a digit and a symbol', false);

      const first = form.getByLabel('First name');
      await first.fill('N1na');
      await expectNote(
        first,
        "Invalid first name: Name can only contain letters, spaces, hyphens (-), and apostrophes (')",
        true,
      );
      await first.fill('Nina');
      await form.getByLabel('Last name').fill('Voss');
      // All of it was said before anything was sent.
      expect(signUps).toEqual([]);

      await form.getByRole('button', { name: 'Create account' }).click();
      await form.getByRole('alert').filter({ hasText: 'Username already exists' }).waitFor();
      expect(signUps).toHaveLength(1);
      expect(new URL(page.url()).pathname).toBe('/sign-up');
      expectClean(watched, { allowConsole: [/status of 409 \(Conflict\)/] });
    });

    it('links in messages open in a new tab without our window; markup and javascript: stay plain text', async () => {
      const [vera, wim] = await signedInAll(await browser(), server().baseUrl, [
        ['Vera', 'Holm'],
        ['Wim', 'Peeters'],
      ]);
      if (!vera || !wim) throw new Error('sign-up failed');
      const conversationId = await startChat(vera, wim);
      const messages = ['Read https://example.com/x today', '<b>bold</b>', 'javascript:alert(1)'];
      for (const text of messages) await send(vera.page, text);
      await openFromList(wim, vera, conversationId);

      for (const { page } of [vera, wim]) {
        for (const text of messages) await expectExactlyOnce(bubble(page, text));
        // The one link: to the address as written, in a new tab, with neither opener nor referrer.
        const links = messageLog(page).getByRole('link');
        await expect.poll(() => links.count(), ON_SCREEN).toBe(1);
        const link = links.first();
        expect(await link.textContent()).toBe('https://example.com/x');
        expect(await link.getAttribute('href')).toBe('https://example.com/x');
        expect(await link.getAttribute('target')).toBe('_blank');
        expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
        // Markup is shown as the characters typed, never parsed.
        expect(await messageLog(page).locator('b').count()).toBe(0);
        expect(
          await bubble(page, '<b>bold</b>').evaluate(
            (element) => (element as unknown as { innerHTML: string }).innerHTML,
          ),
        ).toContain('&lt;b&gt;bold&lt;/b&gt;');
        expect(await messageLog(page).locator('[href^="javascript:" i]').count()).toBe(0);
      }

      // Clicking it opens a tab that cannot reach back into the messenger (no window.opener).
      await wim.browser.context.route('https://example.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<title>x</title>' }),
      );
      const [opened] = await Promise.all([
        wim.browser.context.waitForEvent('page'),
        messageLog(wim.page).getByRole('link', { name: 'https://example.com/x' }).click(),
      ]);
      await opened.waitForLoadState();
      expect(opened.url()).toBe('https://example.com/x');
      expect(await opened.evaluate(() => (globalThis as unknown as { opener: unknown }).opener)).toBeNull();
      await opened.close();

      expectClean(vera.watched);
      expectClean(wim.watched);
    });
  },
);
