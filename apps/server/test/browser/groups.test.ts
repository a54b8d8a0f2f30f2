import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser } from '../support/browser';
import {
  bubble,
  conversationList,
  conversationRow,
  createGroup,
  expectExactlyOnce,
  expectStatus,
  expectTicks,
  messageAction,
  messageLog,
  openFromList,
  send,
  startChat,
} from '../support/messenger';
import { expectClean } from '../support/page-health';
import { sessionToken, signedInAll, signUpAll } from '../support/people';
import { useWebServer } from '../support/web-server';

describe.skipIf(skipBrowserSuite('messenger: groups'))(
  'messenger: a group of three',
  { timeout: BROWSER_TEST_TIMEOUT },
  () => {
    const { server, api } = useWebServer();
    const browser = useIsolatedBrowser();

    it('is created in the New group dialog; all three chat live; typing names the typist; ticks count readers', async () => {
      const [ines, jonas, kira] = await signUpAll(await browser(), server().baseUrl, [
        ['Ines', 'Duarte'],
        ['Jonas', 'Weber'],
        ['Kira', 'Sato'],
      ]);
      if (!ines || !jonas || !kira) throw new Error('sign-up failed');

      const groupId = await createGroup(ines, 'Weekend trip', [jonas, kira]);
      await expectStatus(ines.page, '3 members, 2 online');
      await send(ines.page, 'Who is in for Saturday?');

      // The group arrives in both lists live, with the preview and a badge.
      for (const member of [jonas, kira]) {
        await conversationList(member.page)
          .getByRole('link', { name: /Weekend trip.*Who is in for Saturday\?.*1 unread$/ })
          .waitFor();
      }
      // Both devices have it (each client acks group messages itself; the server does it for one-to-one chats).
      await expectTicks(ines.page, 'Who is in for Saturday?', 'Delivered');

      // Each reader moves the count: "Read by 1", then everyone.
      await openFromList(jonas, 'Weekend trip', groupId);
      await expectTicks(ines.page, 'Who is in for Saturday?', 'Read by 1');
      await openFromList(kira, 'Weekend trip', groupId);
      await expectTicks(ines.page, 'Who is in for Saturday?', 'Read by everyone');
      for (const member of [jonas, kira]) {
        await expectExactlyOnce(bubble(member.page, 'Who is in for Saturday?'));
        // Others' messages carry the sender's name in a group.
        await messageLog(member.page).getByText(ines.name, { exact: true }).waitFor();
      }

      // Typing names the typist in a group.
      await kira.page.getByRole('textbox', { name: 'Message' }).pressSequentially('Me!');
      for (const member of [ines, jonas]) {
        await expectStatus(member.page, 'Kira is typing…');
      }
      await kira.page.getByRole('textbox', { name: 'Message' }).press('Enter');
      await send(jonas.page, 'Count me in too');
      await Promise.all(
        [ines, jonas, kira].flatMap((member) =>
          ['Me!', 'Count me in too', 'Who is in for Saturday?'].map((text) =>
            expectExactlyOnce(bubble(member.page, text)),
          ),
        ),
      );
      await expectStatus(ines.page, '3 members, 2 online');

      for (const member of [ines, jonas, kira]) expectClean(member.watched);
    });

    it('a reload loses nothing: messages, edits, deletions, the list and the session', async () => {
      const [lena, marco] = await signedInAll(await browser(), server().baseUrl, [
        ['Lena', 'Fischer'],
        ['Marco', 'Bianchi'],
      ]);
      if (!lena || !marco) throw new Error('sign-up failed');
      const conversationId = await startChat(lena, marco);
      for (const text of ['First of three', 'Second of three', 'Third of three']) await send(lena.page, text);
      await messageAction(lena.page, 'Second of three', 'Edit');
      const editor = lena.page.getByRole('textbox', { name: 'Edit message' });
      await editor.fill('Second of three, edited');
      await editor.press('Enter');
      await bubble(lena.page, 'Second of three, edited')
        .getByRole('button', { name: 'Edited: show earlier versions' })
        .waitFor();
      await messageAction(lena.page, 'Third of three', 'Delete');
      await lena.page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
      await bubble(lena.page, 'Message deleted').waitFor();
      await conversationRow(marco.page, lena.name).filter({ hasText: 'Message deleted' }).waitFor();

      const expectHistory = async () => {
        await expectExactlyOnce(bubble(lena.page, 'First of three'));
        await expectExactlyOnce(bubble(lena.page, 'Second of three, edited'));
        await expectExactlyOnce(bubble(lena.page, 'Message deleted'));
        expect(await bubble(lena.page, 'Third of three').count()).toBe(0);
        await bubble(lena.page, 'Second of three, edited')
          .getByRole('button', { name: 'Edited: show earlier versions' })
          .waitFor();
      };
      await expectHistory();
      const url = lena.page.url();
      await lena.page.reload();
      expect(lena.page.url()).toBe(url);
      await expectHistory();
      // One chat, besides the assistant's, which is always pinned first.
      expect(
        await conversationList(lena.page).getByRole('link').filter({ hasNotText: 'Assistant' }).count(),
      ).toBe(1);
      await conversationRow(lena.page, marco.name).filter({ hasText: 'Message deleted' }).waitFor();

      // Marco, who has not opened it yet, still has his badge after a reload (nothing marked read on its own).
      await marco.page.reload();
      await conversationList(marco.page)
        .getByRole('link', { name: /^Lena Fischer.*2 unread$/ })
        .waitFor();
      await openFromList(marco, lena, conversationId);
      await expectExactlyOnce(bubble(marco.page, 'Second of three, edited'));

      expectClean(lena.watched);
      expectClean(marco.watched);
    });

    it('a revoked token (sign out everywhere, from elsewhere) returns the page to sign-in, saying why', async () => {
      const [nora, oskar] = await signedInAll(await browser(), server().baseUrl, [
        ['Nora', 'Lind'],
        ['Oskar', 'Berg'],
      ]);
      if (!nora || !oskar) throw new Error('sign-up failed');
      await startChat(nora, oskar);
      await send(nora.page, 'Before the revocation');
      // Written before the revocation (its typing signal went out with the valid token), sent after it: the send is
      // the first request the page makes with the revoked token.
      const box = nora.page.getByRole('textbox', { name: 'Message' });
      const typingSignal = nora.page.waitForResponse((response) => response.url().includes('events.typing'));
      await box.fill('Written before, sent after');
      expect((await typingSignal).status()).toBe(200);

      const revoked = await api().post('/api/v1/auth/logout-all', {}, { token: nora.token });
      expect(revoked.status).toBe(200);
      await box.press('Enter');
      await nora.page.waitForURL('**/sign-in?reason=expired');
      await nora.page.getByRole('status').filter({ hasText: 'Your session has ended' }).waitFor();
      expect(await sessionToken(nora.page)).toBeUndefined();
      // The refused requests (chromium logs each HTTP 401 as a console error), and nothing else.
      expectClean(nora.watched, { allowConsole: [/status of 401 \(Unauthorized\)/] });
      expect(nora.watched.consoleErrors.length).toBeGreaterThan(0);
      expectClean(oskar.watched);
    });
  },
);
