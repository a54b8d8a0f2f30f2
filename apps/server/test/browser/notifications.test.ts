import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkBothSchemes } from '../support/both-schemes';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser, watchPage } from '../support/browser';
import {
  bubble,
  conversationIdOf,
  conversationList,
  conversationPane,
  conversationRow,
  ON_SCREEN,
  openFromList,
  send,
  startChat,
} from '../support/messenger';
import { expectClean } from '../support/page-health';
import { signedInAll } from '../support/people';
import { useWebServer } from '../support/web-server';

/**
 * Test instrumentation of the browser's own API (not of our code): `window.Notification` is wrapped so that each
 * notification the page constructs is recorded (title, body, tag, and the object, whose click handler the test
 * can fire as the system would on a click).
 */
const RECORD_NOTIFICATIONS = `(() => {
  const Native = window.Notification;
  if (!Native) return;
  const made = [];
  window.__notifications = made;
  function Recorded(title, options) {
    const notification = new Native(title, options);
    made.push({ title, body: options && options.body, tag: options && options.tag, notification });
    return notification;
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Native.permission });
  Recorded.requestPermission = (...args) => Native.requestPermission(...args);
  Recorded.prototype = Native.prototype;
  window.Notification = Recorded;
})();`;

interface Shown {
  title: string;
  body: string;
  tag: string;
}

async function notifications(page: Page): Promise<Shown[]> {
  return page.evaluate(() => {
    const { __notifications: made = [] } = globalThis as unknown as { __notifications?: Shown[] };
    return made.map(({ title, body, tag }) => ({ title, body, tag }));
  });
}

/** The tab's title, once it reads `expected`. */
async function expectTitle(page: Page, expected: string): Promise<void> {
  await expect.poll(() => page.title(), ON_SCREEN).toBe(expected);
}

describe.skipIf(skipBrowserSuite('messenger: notifications'))(
  'messenger: unread title, notifications and mute',
  { timeout: BROWSER_TEST_TIMEOUT * 2 },
  () => {
    const { server } = useWebServer();
    const browser = useIsolatedBrowser();

    it('counts unread in the title live, notifies for what is not on screen, and mute silences on every tab', async () => {
      const [uma, vik, wen] = await signedInAll(await browser(), server().baseUrl, [
        ['Uma', 'Reyes'],
        ['Vik', 'Larsen'],
        ['Wen', 'Zhou'],
      ]);
      if (!uma || !vik || !wen) throw new Error('sign-in failed');
      const origin = server().baseUrl;
      await uma.browser.context.grantPermissions(['notifications'], { origin });
      await uma.browser.context.addInitScript(RECORD_NOTIFICATIONS);
      await uma.page.reload();
      await uma.page.getByRole('heading', { name: 'Chats' }).waitFor();
      // Allowed already: no offer to turn them on.
      expect(await uma.page.getByRole('button', { name: 'Turn on' }).count()).toBe(0);
      await expectTitle(uma.page, 'ChatApp');

      // Not allowed yet: a quiet offer, never the browser's prompt on its own.
      const offer = vik.page.getByRole('region', { name: 'Notifications' });
      await offer.getByRole('button', { name: 'Turn on' }).waitFor();
      await checkBothSchemes(vik.page, 'notifications-offer');
      await offer.getByRole('button', { name: 'Not now' }).click();
      await offer.waitFor({ state: 'detached' });

      // Three unread from two people: "(3) ChatApp", live.
      const vikChat = await startChat(vik, uma);
      await send(vik.page, 'Lunch today?');
      await send(vik.page, 'At noon');
      const wenChat = await startChat(wen, uma);
      await send(wen.page, 'Draft is ready');
      await expectTitle(uma.page, '(3) ChatApp');
      // In a conversation that is not open: a notification for each.
      await expect.poll(() => notifications(uma.page), ON_SCREEN).toHaveLength(3);
      expect((await notifications(uma.page)).at(-1)).toEqual({
        title: wen.name,
        body: 'Draft is ready',
        tag: `conversation-${wenChat}`,
      });

      // Reading one conversation takes its messages out of the count.
      await openFromList(uma, vik, vikChat);
      await expectTitle(uma.page, '(1) ChatApp');

      // A message in the conversation on screen does not notify; one in another conversation does.
      await send(vik.page, 'Still on?');
      await bubble(uma.page, 'Still on?').waitFor();
      await send(wen.page, 'Have a look');
      await expect.poll(() => notifications(uma.page), ON_SCREEN).toHaveLength(4);
      expect((await notifications(uma.page)).map((n) => n.body)).not.toContain('Still on?');
      await expectTitle(uma.page, '(2) ChatApp');

      // Clicking the notification brings the tab to that conversation.
      await uma.page.evaluate(() => {
        const { __notifications: made = [] } = globalThis as unknown as {
          __notifications?: { notification: { onclick: ((event: unknown) => void) | null } }[];
        };
        made.at(-1)?.notification.onclick?.({});
      });
      await uma.page.waitForURL(`**/c/${wenChat}`);
      await bubble(uma.page, 'Have a look').waitFor();
      await expectTitle(uma.page, 'ChatApp');

      // A second tab of Uma's, on the list.
      const other = watchPage(await uma.browser.context.newPage());
      await other.page.goto(`${origin}/`);
      await other.page.getByRole('heading', { name: 'Chats' }).waitFor();
      await expectTitle(other.page, 'ChatApp');

      // Muted from the conversation's menu: its icon shows here and on the other tab.
      await conversationPane(uma.page).getByRole('button', { name: 'Conversation menu' }).click();
      const mute = uma.page.getByRole('menuitem', { name: 'Mute notifications' });
      await mute.waitFor();
      await checkBothSchemes(uma.page, 'notifications-mute-menu');
      await mute.click();
      await conversationRow(uma.page, wen.name).getByRole('img', { name: 'Muted' }).waitFor();
      await conversationRow(other.page, wen.name).getByRole('img', { name: 'Muted' }).waitFor();
      expect(conversationIdOf(uma.page)).toBe(wenChat);

      // Uma leaves for Vik's chat. Wen writes twice: the row's badge counts them (in grey), the titles do not,
      // and no notification comes, on either tab.
      await openFromList(uma, vik, vikChat);
      const before = (await notifications(uma.page)).length;
      await send(wen.page, 'Ping');
      await send(wen.page, 'Ping again');
      await conversationRow(other.page, wen.name).filter({ hasText: '2 unread' }).waitFor();
      await conversationRow(uma.page, wen.name).filter({ hasText: '2 unread' }).waitFor();
      await expectTitle(other.page, 'ChatApp');
      await expectTitle(uma.page, 'ChatApp');
      expect(await notifications(uma.page)).toHaveLength(before);
      expect(await notifications(other.page)).toHaveLength(0);
      await checkBothSchemes(other.page, 'notifications-muted-row');

      // Unmuted from the other tab's list, without opening the chat (the row's own menu): the icon goes on both.
      await conversationList(other.page)
        .getByRole('button', { name: `Menu for ${wen.name}` })
        .click();
      const unmute = other.page.getByRole('menuitem', { name: 'Unmute notifications' });
      await unmute.waitFor();
      await checkBothSchemes(other.page, 'notifications-row-menu');
      await unmute.click();
      expect(other.page.url()).toBe(`${origin}/`);
      await expect
        .poll(
          () => conversationRow(uma.page, wen.name).getByRole('img', { name: 'Muted' }).count(),
          ON_SCREEN,
        )
        .toBe(0);

      expectClean(uma.watched);
      expectClean(other);
      expectClean(vik.watched);
      expectClean(wen.watched);
    });
  },
);
