import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe';
import { settled } from '../support/both-schemes';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser } from '../support/browser';
import { bubble, conversationRow, ON_SCREEN, send, startChat } from '../support/messenger';
import { expectClean } from '../support/page-health';
import { signedInAll } from '../support/people';
import { screenshot } from '../support/screenshots';
import { useWebServer } from '../support/web-server';

/** The page's background colour as painted (the tokens follow <html>'s color-scheme). */
function pageBackground(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as {
      document: { body: object };
      getComputedStyle(element: object): { backgroundColor: string };
    };
    return getComputedStyle(document.body).backgroundColor;
  });
}

function chosenTheme(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('data-theme');
}

/** Clicks a theme's card (its radio button is visually hidden inside the label) and checks it took. */
async function chooseTheme(page: Page, name: string): Promise<void> {
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.locator('label').filter({ hasText: name }).click();
  expect(await settings.getByRole('radio', { name }).isChecked()).toBe(true);
}

const LIGHT_BG = 'rgb(238, 241, 245)';
const DARK_BG = 'rgb(12, 17, 23)';

describe.skipIf(skipBrowserSuite('messenger: shortcuts and themes'))(
  'messenger: keyboard shortcuts, themes and the installable app',
  { timeout: BROWSER_TEST_TIMEOUT },
  () => {
    const { server, api } = useWebServer();
    const browser = useIsolatedBrowser();

    it('Ctrl+K jumps to a conversation, Up edits the last message, "?" lists the shortcuts, Escape closes', async () => {
      const [tara, ugo, vera] = await signedInAll(await browser(), server().baseUrl, [
        ['Tara', 'Quinn'],
        ['Ugo', 'Ferri'],
        ['Vera', 'Holm'],
      ]);
      if (!tara || !ugo || !vera) throw new Error('sign-up failed');
      const withUgo = await startChat(tara, ugo);
      await send(tara.page, 'Hello Ugo');
      const withVera = await startChat(tara, vera);
      await send(tara.page, 'Hello Vera');
      const { page } = tara;

      // The quick switcher: a few letters of a name, Enter, and that conversation is open.
      await page.keyboard.press('Control+k');
      const switcher = page.getByRole('dialog', { name: 'Jump to a conversation' });
      await switcher.waitFor();
      await settled(page);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, 'quick-switcher-desktop-light');
      await switcher.getByRole('combobox').fill('ugo');
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/c/${withUgo}`);
      await switcher.waitFor({ state: 'detached' });
      await bubble(page, 'Hello Ugo').waitFor();

      // Up in the empty message box edits one's last message; Escape cancels the edit.
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.focus();
      await page.keyboard.press('ArrowUp');
      const editor = page.getByRole('textbox', { name: 'Edit message' });
      await editor.waitFor();
      expect(await editor.inputValue()).toBe('Hello Ugo');
      await page.keyboard.press('Escape');
      await editor.waitFor({ state: 'detached' });
      await bubble(page, 'Hello Ugo').waitFor();
      // Up with text in the box moves the caret, as usual.
      await box.fill('draft');
      await box.press('ArrowUp');
      expect(await page.getByRole('textbox', { name: 'Edit message' }).count()).toBe(0);
      await box.fill('');

      // "?" outside a text field lists the shortcuts; in the message box it is just a character.
      await box.press('?');
      expect(await box.inputValue()).toBe('?');
      await box.fill('');
      await page.getByRole('heading', { level: 2 }).first().click();
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      await help.getByText('Jump to a conversation').waitFor();
      await settled(page);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, 'shortcuts-desktop-light');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });

      // The same switcher from the conversation with Vera's row, by her username this time.
      await page.keyboard.press('Control+k');
      await switcher.getByRole('combobox').fill(vera.username);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/c/${withVera}`);
      await conversationRow(page, vera.name).waitFor();

      expectClean(tara.watched);
    });

    it('a theme chosen in Settings applies at once and is kept; System follows the device', async () => {
      const [wren] = await signedInAll(await browser(), server().baseUrl, [['Wren', 'Abbott']]);
      if (!wren) throw new Error('sign-up failed');
      const { page } = wren;
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await chosenTheme(page)).toBeNull();
      expect(await pageBackground(page)).toBe(LIGHT_BG);

      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Settings' }).click();
      const settings = page.getByRole('dialog', { name: 'Settings' });
      await chooseTheme(page, 'Dark');
      expect(await chosenTheme(page)).toBe('dark');
      await expect.poll(() => pageBackground(page), ON_SCREEN).toBe(DARK_BG);
      // Notifications can be turned on here at any time (the list's offer goes once dismissed).
      await settings.getByRole('heading', { name: 'Notifications' }).waitFor();
      await settled(page);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, 'settings-desktop-dark');
      await page.keyboard.press('Escape');
      await settings.waitFor({ state: 'detached' });

      // Kept: dark again after a reload, on a device that prefers light, from the first paint.
      await page.reload();
      expect(await chosenTheme(page)).toBe('dark');
      expect(await pageBackground(page)).toBe(DARK_BG);

      // Back to System: the device's preference decides again.
      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Settings' }).click();
      await chooseTheme(page, 'System');
      expect(await chosenTheme(page)).toBeNull();
      await expect.poll(() => pageBackground(page), ON_SCREEN).toBe(LIGHT_BG);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => pageBackground(page), ON_SCREEN).toBe(DARK_BG);
      await page.emulateMedia({ colorScheme: 'light' });

      expectClean(wren.watched);
    });

    it('is installable: a web app manifest with PNG icons', async () => {
      const manifest = await api().get<{
        name: string;
        display: string;
        icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
      }>('/manifest.webmanifest');
      expect(manifest.status).toBe(200);
      expect(manifest.body).toMatchObject({ name: 'ChatApp', display: 'standalone', start_url: '/' });
      const sizes = manifest.body.icons.filter((icon) => icon.type === 'image/png').map((icon) => icon.sizes);
      expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
      for (const icon of manifest.body.icons) {
        const res = await fetch(`${server().baseUrl}${icon.src}`);
        expect(res.status, icon.src).toBe(200);
        expect(res.headers.get('content-type'), icon.src).toContain(icon.type);
      }
      // The pages link it.
      const html = await (await fetch(`${server().baseUrl}/sign-in`)).text();
      expect(html).toContain('rel="manifest" href="/manifest.webmanifest"');
    });
  },
);
