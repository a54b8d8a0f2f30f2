import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { settled } from '../support/both-schemes';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser } from '../support/browser';
import type { TestClient } from '../support/http';
import { dataUrl } from '../support/media';
import {
  bubble,
  conversationList,
  conversationPane,
  conversationRow,
  messageAction,
  messageLog,
  ON_SCREEN,
  openFromList,
} from '../support/messenger';
import { expectClean } from '../support/page-health';
import { type Person, signedInAll } from '../support/people';
import { screenshot } from '../support/screenshots';
import { useWebServer } from '../support/web-server';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The conversation list fits its pane: long previews are cut short, never pushing the time out of sight. */
async function expectListFits(page: Page): Promise<void> {
  const list = conversationList(page);
  const overflow = await list.evaluate((element) => {
    const box = element as unknown as { scrollWidth: number; clientWidth: number };
    return box.scrollWidth - box.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  const listBox = await list.boundingBox();
  for (const time of await list.locator('time').all()) {
    const box = await time.boundingBox();
    if (!listBox || !box) throw new Error('not on screen');
    expect(box.x + box.width).toBeLessThanOrEqual(listBox.x + listBox.width);
  }
}

/** Axe on what is on screen: no serious or critical violation. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settled(page);
  expect(await seriousAxeViolations(page), screen).toEqual([]);
}

/**
 * The screen as it is now, in light and in dark: axe finds no serious or critical violation in either (contrast
 * differs), and a screenshot of each goes to screenshots/<name>-<size>-<scheme>.png.
 */
async function checkScreen(page: Page, name: string, size: 'desktop' | 'phone'): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page, `${name} (${size}, ${colorScheme})`);
    await screenshot(page, `${name}-${size}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Opens a dialog (or menu) by clicking `opener`, checks it with axe, screenshots it, and closes it with Escape. */
async function checkDialog(
  page: Page,
  opener: Locator,
  dialog: Locator,
  name: string,
  before?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await opener.click();
  await dialog.waitFor();
  await before?.(dialog);
  await checkScreen(page, name, 'desktop');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}

describe.skipIf(skipBrowserSuite('messenger: screens'))(
  'messenger screens: axe and screenshots',
  { timeout: BROWSER_TEST_TIMEOUT * 2 },
  () => {
    const { server, api } = useWebServer();
    const browser = useIsolatedBrowser();

    it('sign-in and sign-up: no serious or critical axe violation, at desktop and phone widths', async () => {
      const context = await (await browser()).newContext({ viewport: DESKTOP });
      const watched = await context.newPage();
      const { page } = watched;
      for (const [path, name, ready] of [
        ['/sign-in', 'sign-in', page.getByRole('button', { name: 'Sign in' })],
        ['/sign-up', 'sign-up', page.getByRole('form', { name: 'Create your account' })],
      ] as const) {
        await page.setViewportSize(DESKTOP);
        await page.goto(`${server().baseUrl}${path}`);
        await ready.waitFor();
        await checkScreen(page, name, 'desktop');
        await page.setViewportSize(PHONE);
        await checkScreen(page, name, 'phone');
      }
      // The rules show next to the fields as one types; the form stays accessible with them.
      await page.getByLabel('Username').fill('9lives');
      await page.getByLabel('Password').fill('short');
      await expectAccessible(page, 'sign-up with problems');
      expectClean(watched);
      await context.close();
    });

    it('the messenger: list, conversation and every main dialog pass axe; screenshots light and dark', async () => {
      const [yara, zane, xavi] = await signedInAll(await browser(), server().baseUrl, [
        ['Yara', 'Haddad'],
        ['Zane', 'Okafor'],
        ['Xavier', 'Lopez'],
      ]);
      if (!yara || !zane || !xavi) throw new Error('sign-up failed');
      const { page } = yara;

      // A new account: the empty list says what to do next.
      await page.getByRole('button', { name: 'Start a chat' }).waitFor();
      await checkScreen(page, 'empty-list', 'desktop');

      // Some history, written through the API: a chat with text, a picture, an edit and a deletion; a group.
      const chatId = await seedChat(api(), yara, zane);
      const group = await api().post<{ id: number }>(
        '/api/v1/conversations/groups',
        { title: 'Design review', user_ids: [zane.id, xavi.id] },
        { token: yara.token },
      );
      expect(group.status).toBe(200);
      const say = (person: Person, conversationId: number, body: string) =>
        api().post(`/api/v1/conversations/${conversationId}/messages`, { body }, { token: person.token });
      expect((await say(zane, group.body.id, 'The mockups are in the shared folder')).status).toBe(200);
      expect((await say(xavi, group.body.id, 'Looking now. The dark theme works well.')).status).toBe(200);

      await conversationRow(page, 'Design review').waitFor();
      await conversationRow(page, zane.name).waitFor();
      await expectListFits(page);
      await checkScreen(page, 'list', 'desktop');

      // A one-to-one conversation.
      await openFromList(yara, zane, chatId);
      const photo = messageLog(page).getByRole('button', { name: `Open photo from ${zane.name}` });
      await photo.getByRole('img').waitFor();
      await expect
        .poll(
          () =>
            photo.getByRole('img').evaluate((image) => (image as unknown as { complete: boolean }).complete),
          ON_SCREEN,
        )
        .toBe(true);
      await bubble(page, 'Message deleted').waitFor();
      await checkScreen(page, 'conversation', 'desktop');

      // Its dialogs and menus.
      await checkDialog(page, photo, page.getByRole('dialog', { name: 'Photo' }), 'image-viewer');
      await checkDialog(
        page,
        bubble(page, 'Lunch at one?').getByRole('button', { name: 'Edited: show earlier versions' }),
        page.getByRole('dialog', { name: 'Edit history' }),
        'edit-history',
        (dialog) => dialog.getByText('Lunch at noon?').waitFor(),
      );
      await messageAction(page, 'It looks great', 'Delete');
      const confirm = page.getByRole('alertdialog', { name: 'Delete this message for everyone?' });
      // Loaded when first opened: checked once it is there, not while it fades in.
      await confirm.waitFor();
      await checkScreen(page, 'delete-confirmation', 'desktop');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await confirm.waitFor({ state: 'detached' });
      await bubble(page, 'It looks great').waitFor();

      await checkDialog(
        page,
        page.getByRole('button', { name: 'New chat', exact: true }),
        page.getByRole('dialog', { name: 'New chat' }),
        'new-chat',
        async (dialog) => {
          await dialog.getByLabel('Search people').fill('xavier');
          await dialog.getByRole('button', { name: /^Xavier Lopez/ }).waitFor();
        },
      );
      await checkDialog(
        page,
        page.getByRole('button', { name: 'New group', exact: true }),
        page.getByRole('dialog', { name: 'New group' }),
        'new-group',
        async (dialog) => {
          await dialog.getByLabel('Group name').fill('Book club');
          await dialog.getByLabel('Search people').fill('zane');
          await dialog.getByRole('button', { name: /^Zane Okafor/ }).click();
          await dialog.getByRole('button', { name: 'Remove Zane Okafor' }).waitFor();
        },
      );
      // Menus are not modal: the page behind stays in the accessibility tree, so every axe rule applies.
      await checkDialog(
        page,
        page.getByRole('button', { name: 'Account menu' }),
        page.getByRole('menu'),
        'account-menu',
      );
      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Profile' }).click();
      const profile = page.getByRole('dialog', { name: 'Profile' });
      await profile.getByLabel('First name').waitFor();
      await checkScreen(page, 'profile', 'desktop');
      await page.keyboard.press('Escape');
      await profile.waitFor({ state: 'detached' });

      // The group, and its info dialog.
      await openFromList(yara, 'Design review', group.body.id);
      await bubble(page, 'The dark theme works well').waitFor();
      await checkScreen(page, 'group', 'desktop');
      await checkDialog(
        page,
        conversationPane(page).getByRole('button', { name: 'Group info' }),
        page.getByRole('dialog', { name: 'Group info' }),
        'group-info',
        (dialog) => dialog.getByText(xavi.name).first().waitFor(),
      );

      // A phone: the list and a conversation are two screens, with a way back.
      await page.setViewportSize(PHONE);
      await page.goto(`${server().baseUrl}/`);
      await conversationRow(page, zane.name).waitFor();
      await expectListFits(page);
      expect(await page.getByRole('region', { name: 'Conversation' }).count()).toBe(0);
      await checkScreen(page, 'list', 'phone');
      await openFromList(yara, zane, chatId);
      expect(await page.getByRole('complementary', { name: 'Conversations' }).isVisible()).toBe(false);
      await photo.getByRole('img').waitFor();
      await checkScreen(page, 'conversation', 'phone');
      await page.getByRole('link', { name: 'Back to chats' }).click();
      await page.waitForURL(`${server().baseUrl}/`);
      await conversationRow(page, zane.name).waitFor();
      expect(await conversationPane(page).count()).toBe(0);
      // At desktop width the same link is not shown: both panes are on screen.
      await page.setViewportSize(DESKTOP);
      await openFromList(yara, zane, chatId);
      expect(await page.getByRole('link', { name: 'Back to chats' }).isVisible()).toBe(false);
      expect(await page.getByRole('complementary', { name: 'Conversations' }).isVisible()).toBe(true);

      expectClean(yara.watched);
    });
  },
);

/** A one-to-one chat of `viewer` with `other`, with a bit of everything; returns its id. */
async function seedChat(api: TestClient, viewer: Person, other: Person): Promise<number> {
  const opened = await api.post<{ conversation: { id: number } }>(
    '/api/v1/conversations/direct',
    { user_id: other.id },
    { token: viewer.token },
  );
  expect(opened.status).toBe(200);
  const id = opened.body.conversation.id;
  const send = async (from: Person, fields: Record<string, string>) => {
    const sent = await api.post<{ message: { id: number } }>(`/api/v1/conversations/${id}/messages`, fields, {
      token: from.token,
    });
    expect(sent.status).toBe(200);
    return sent.body.message.id;
  };
  await send(other, { body: 'Hi Yara! Did you get the plans for Saturday?' });
  await send(viewer, { body: 'Yes, thanks. It looks great — https://example.com/plan' });
  const png = await sharp({
    create: { width: 480, height: 320, channels: 3, background: { r: 64, g: 132, b: 200 } },
  })
    .png()
    .toBuffer();
  await send(other, { type: 'image', body: 'The view from the hut', media: dataUrl(png, 'image/png') });
  const lunch = await send(viewer, { body: 'Lunch at noon?' });
  expect(
    (await api.patch(`/api/v1/messages/${lunch}`, { body: 'Lunch at one?' }, { token: viewer.token })).status,
  ).toBe(200);
  const oops = await send(other, { body: 'Wrong chat, sorry' });
  expect(
    (await api.send('DELETE', `/api/v1/messages/${oops}`, undefined, { token: other.token })).status,
  ).toBe(200);
  await send(other, { body: 'See you there' });
  return id;
}
