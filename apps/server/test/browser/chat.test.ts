import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser } from '../support/browser';
import {
  bubble,
  conversationList,
  conversationPane,
  conversationRow,
  conversationStatus,
  expectExactlyOnce,
  expectStatus,
  expectTicks,
  messageAction,
  messageLog,
  messageRow,
  ON_SCREEN,
  openFromList,
  send,
  startChat,
} from '../support/messenger';
import { expectClean } from '../support/page-health';
import { signedInAll, signUpAll } from '../support/people';
import { useWebServer } from '../support/web-server';

describe.skipIf(skipBrowserSuite('messenger: chat'))(
  'messenger: two people chat live',
  { timeout: BROWSER_TEST_TIMEOUT },
  () => {
    const { server } = useWebServer();
    const browser = useIsolatedBrowser();

    it('two people sign up, find each other and chat both ways live', async () => {
      const [alice, bruno] = await signUpAll(await browser(), server().baseUrl, [
        ['Alice', 'Moreau'],
        ['Bruno', 'Keller'],
      ]);
      if (!alice || !bruno) throw new Error('sign-up failed');

      const conversationId = await startChat(alice, bruno);
      await send(alice.page, 'Hello Bruno, it is Alice');
      await expectExactlyOnce(bubble(alice.page, 'Hello Bruno, it is Alice'));

      // Delivered to Bruno's device (his socket is open) but not read: he is looking at his list, where the new
      // chat arrives without a reload, with the preview and an unread badge.
      await expectTicks(alice.page, 'Hello Bruno, it is Alice', 'Delivered');
      const row = conversationList(bruno.page).getByRole('link', {
        name: /^Alice Moreau.*Hello Bruno, it is Alice.*1 unread$/,
      });
      await row.waitFor();
      await row.click();
      await bruno.page.waitForURL(`**/c/${conversationId}`);
      await expectExactlyOnce(bubble(bruno.page, 'Hello Bruno, it is Alice'));
      // He opened it: Alice's message turns "Read", and his badge is gone.
      await expectTicks(alice.page, 'Hello Bruno, it is Alice', 'Read');
      await conversationRow(bruno.page, alice.name).filter({ hasNotText: 'unread' }).waitFor();

      await send(bruno.page, 'Hi Alice! Bruno here.');
      await expectExactlyOnce(bubble(alice.page, 'Hi Alice! Bruno here.'));
      await send(alice.page, 'Second line from Alice');
      await expectExactlyOnce(bubble(bruno.page, 'Second line from Alice'));
      await expectExactlyOnce(bubble(alice.page, 'Second line from Alice'));

      // Each side sees the other online, in the conversation's header.
      await expectStatus(alice.page, 'online');
      await expectStatus(bruno.page, 'online');
      expect(await conversationPane(bruno.page).getByRole('heading', { level: 2 }).textContent()).toBe(
        alice.name,
      );

      expectClean(alice.watched);
      expectClean(bruno.watched);
    });

    it('an edit and a delete are seen live by the other', async () => {
      const [carol, dmitri] = await signedInAll(await browser(), server().baseUrl, [
        ['Carol', 'Jensen'],
        ['Dmitri', 'Orlov'],
      ]);
      if (!carol || !dmitri) throw new Error('sign-up failed');
      const conversationId = await startChat(carol, dmitri);
      await send(carol.page, 'See you at 5pm');
      await send(carol.page, 'Bring the slides');
      await openFromList(dmitri, carol, conversationId);
      await expectExactlyOnce(bubble(dmitri.page, 'See you at 5pm'));

      // Escape leaves the message as it was.
      await messageAction(carol.page, 'See you at 5pm', 'Edit');
      const editor = carol.page.getByRole('textbox', { name: 'Edit message' });
      await editor.fill('typo that is never saved');
      await editor.press('Escape');
      await editor.waitFor({ state: 'detached' });
      await expectExactlyOnce(bubble(carol.page, 'See you at 5pm'));

      // Enter saves; Dmitri's copy changes in place and says it was edited.
      await messageAction(carol.page, 'See you at 5pm', 'Edit');
      await editor.fill('See you at 6pm');
      await editor.press('Enter');
      await expectExactlyOnce(bubble(dmitri.page, 'See you at 6pm'));
      expect(await bubble(dmitri.page, 'See you at 5pm').count()).toBe(0);
      await bubble(dmitri.page, 'See you at 6pm')
        .getByRole('button', { name: 'Edited: show earlier versions' })
        .waitFor();
      await expectExactlyOnce(bubble(carol.page, 'See you at 6pm'));

      // Delete for everyone, after a confirmation; both sides keep a "Message deleted" placeholder.
      await messageAction(carol.page, 'Bring the slides', 'Delete');
      const confirm = carol.page.getByRole('alertdialog', { name: 'Delete this message for everyone?' });
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await confirm.waitFor({ state: 'detached' });
      for (const page of [carol.page, dmitri.page]) {
        await expect.poll(() => bubble(page, 'Bring the slides').count(), ON_SCREEN).toBe(0);
        await expectExactlyOnce(bubble(page, 'Message deleted'));
        await expectExactlyOnce(bubble(page, 'See you at 6pm'));
      }
      // The list's preview says so too.
      await conversationRow(dmitri.page, carol.name).filter({ hasText: 'Message deleted' }).waitFor();

      expectClean(carol.watched);
      expectClean(dmitri.watched);
    });

    it('a picture is sent and shown on both sides; a file that is not a picture is refused, saying why', async () => {
      const [elena, farid] = await signedInAll(await browser(), server().baseUrl, [
        ['Elena', 'Rossi'],
        ['Farid', 'Haddad'],
      ]);
      if (!elena || !farid) throw new Error('sign-up failed');
      const conversationId = await startChat(elena, farid);
      await send(elena.page, 'A photo is coming');
      await openFromList(farid, elena, conversationId);

      // Not a picture: refused at once, in words, and nothing is sent.
      const picker = elena.page.getByLabel('Image file');
      await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      const refusal = conversationPane(elena.page).getByRole('alert').filter({ hasText: 'notes.txt' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toBe(
        '“notes.txt” is not an image: only pictures can be sent here.',
      );
      expect(await elena.page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

      // A picture: staged with a preview, sent with Enter, shown on both sides from the server.
      const png = await sharp({
        create: { width: 120, height: 80, channels: 3, background: { r: 30, g: 140, b: 90 } },
      })
        .png()
        .toBuffer();
      await picker.setInputFiles({ name: 'meadow.png', mimeType: 'image/png', buffer: png });
      await elena.page.getByRole('img', { name: 'Attachment to send' }).waitFor();
      await refusal.waitFor({ state: 'detached' });
      // Farid's copy of the picture is held back for a moment: meanwhile its box shows a loading panel.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await farid.page.route('**/media/**', async (route) => {
        await held;
        await route.continue();
      });
      await elena.page.getByRole('textbox', { name: 'Message' }).press('Enter');
      const arriving = messageLog(farid.page).getByRole('button', { name: `Open photo from ${elena.name}` });
      await expect
        .poll(async () => (await arriving.getByRole('img').getAttribute('class')) ?? '', ON_SCREEN)
        .toContain('animate-pulse');
      release();

      for (const page of [elena.page, farid.page]) {
        const photo = messageLog(page).getByRole('button', { name: `Open photo from ${elena.name}` });
        await expectExactlyOnce(photo);
        const image = photo.getByRole('img');
        await expect
          .poll(
            () => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
            ON_SCREEN,
          )
          .toBeGreaterThan(0);
        expect(await image.getAttribute('src')).toMatch(/\/media\//);
        // Its loading panel gives way to the picture once it has arrived.
        await expect
          .poll(async () => (await image.getAttribute('class')) ?? '', ON_SCREEN)
          .not.toContain('animate-pulse');
      }
      // Farid has the chat open: the photo is read.
      const photoTicks = messageRow(
        elena.page,
        elena.page.getByRole('button', { name: /^Open photo from/ }),
      ).getByRole('img', { name: /^(Sent|Delivered|Read)$/ });
      await expect.poll(() => photoTicks.getAttribute('aria-label'), ON_SCREEN).toBe('Read');
      await conversationRow(farid.page, elena.name).filter({ hasText: 'Photo' }).waitFor();

      expectClean(elena.watched);
      expectClean(farid.watched);
    });

    it('typing, presence ("online", then "last seen" once the other has gone) and read ticks are seen live', async () => {
      const [gina, hugo] = await signedInAll(await browser(), server().baseUrl, [
        ['Gina', 'Larsen'],
        ['Hugo', 'Brandt'],
      ]);
      if (!gina || !hugo) throw new Error('sign-up failed');
      const conversationId = await startChat(gina, hugo);
      await expectStatus(gina.page, 'online');

      // Gina writes while Hugo looks at his list: "Sent"... then "Delivered" (his device has it), not "Read".
      await send(gina.page, 'Are you there?');
      await expectTicks(gina.page, 'Are you there?', 'Delivered');

      await openFromList(hugo, gina, conversationId);
      await expectTicks(gina.page, 'Are you there?', 'Read');

      // Hugo types: Gina sees "typing…" in the header and in her list; it ends when his message arrives.
      await hugo.page.getByRole('textbox', { name: 'Message' }).pressSequentially('Yes, just a sec');
      await expectStatus(gina.page, 'typing…');
      await conversationRow(gina.page, hugo.name).filter({ hasText: 'typing…' }).waitFor();
      await hugo.page.getByRole('textbox', { name: 'Message' }).press('Enter');
      await expectExactlyOnce(bubble(gina.page, 'Yes, just a sec'));
      await expectStatus(gina.page, 'online');

      // Hugo closes the app: Gina sees him go.
      expectClean(hugo.watched);
      await hugo.browser.close();
      await expectStatus(gina.page, /^last seen /);
      expect(await conversationStatus(gina.page).textContent()).toBe('last seen just now');

      expectClean(gina.watched);
    });

    it('a read mark that does not get through (no answer, then a 503) is sent again: the sender sees "Read"', async () => {
      const [iris, jonas] = await signedInAll(await browser(), server().baseUrl, [
        ['Iris', 'Meyer'],
        ['Jonas', 'Berg'],
      ]);
      if (!iris || !jonas) throw new Error('sign-up failed');
      const conversationId = await startChat(iris, jonas);
      await send(iris.page, 'Did you get this?');
      await expectTicks(iris.page, 'Did you get this?', 'Delivered');

      // Jonas's first read mark gets no answer (the connection drops), the second a 503 (a server that cannot
      // serve for the moment); the ones after go through.
      const failures = ['dropped', 'unavailable'];
      await jonas.page.route(
        (url) => url.pathname.includes('conversations.markRead'),
        async (route) => {
          const failure = failures.shift();
          if (failure === 'dropped') return route.abort('connectionreset');
          if (failure === 'unavailable')
            return route.fulfill({
              status: 503,
              contentType: 'application/json',
              body: JSON.stringify([
                {
                  error: {
                    message: 'The service is unavailable',
                    code: -32603,
                    data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 503 },
                  },
                },
              ]),
            });
          return route.continue();
        },
      );
      await openFromList(jonas, iris, conversationId);
      await expectTicks(iris.page, 'Did you get this?', 'Read');
      expect(failures).toEqual([]);

      expectClean(iris.watched);
      expectClean(jonas.watched, {
        allowNetworkNoise: true,
        allowConsole: [/503 \(Service Unavailable\)/],
      });
    });
  },
);
