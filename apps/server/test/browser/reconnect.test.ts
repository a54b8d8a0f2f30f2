import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { client } from '../support/http';
import { tempMediaRoot } from '../support/media';
import {
  bubble,
  expectExactlyOnce,
  expectTicks,
  messageLog,
  openFromList,
  send,
  startChat,
} from '../support/messenger';
import { expectClean } from '../support/page-health';
import { type Person, signedInAll } from '../support/people';
import { startTestServer } from '../support/server';
import { type ServerProcess, spawnServerProcess } from '../support/server-process';
import { socketCutter } from '../support/socket-cutter';
import { assertWebBuilt, useWebServer, webServerEnv } from '../support/web-server';

/** The banner shown while the event socket is down. */
function reconnecting(person: Person) {
  return person.page.getByRole('status').filter({ hasText: 'Reconnecting…' });
}

/** The same fixed session secret as startTestServer's, so a restarted process accepts the pages' sessions. */
const AUTH_SECRET = 'chatapp-test-session-secret-0123456789abcdef';

describe.skipIf(skipBrowserSuite('messenger: reconnecting'))(
  'messenger: a dropped connection loses nothing',
  { timeout: BROWSER_TEST_TIMEOUT },
  () => {
    const { server } = useWebServer();
    const browser = useIsolatedBrowser();

    it('sockets closed by the server: "Reconnecting…", then the missed messages appear exactly once', async () => {
      // Installed before anyone connects, so it holds every event socket of this test.
      const cutter = socketCutter(server().app.server);
      const [pia, quentin] = await signedInAll(await browser(), server().baseUrl, [
        ['Pia', 'Nowak'],
        ['Quentin', 'Roux'],
      ]);
      if (!pia || !quentin) throw new Error('sign-up failed');
      const conversationId = await startChat(pia, quentin);
      await send(pia.page, 'Before the drop');
      await openFromList(quentin, pia, conversationId);
      await expectTicks(pia.page, 'Before the drop', 'Read');

      expect(cutter.cut()).toBeGreaterThanOrEqual(2);
      await reconnecting(pia).waitFor();
      await reconnecting(quentin).waitFor();

      // Pia keeps writing (sends go over HTTP); Quentin's page cannot hear of them.
      for (const text of ['Missed one', 'Missed two', 'Missed three']) await send(pia.page, text);
      await expectTicks(pia.page, 'Missed three', 'Sent');
      expect(await bubble(quentin.page, 'Missed').count()).toBe(0);

      cutter.restore();
      await reconnecting(quentin).waitFor({ state: 'detached' });
      await reconnecting(pia).waitFor({ state: 'detached' });
      for (const text of ['Missed one', 'Missed two', 'Missed three'])
        await expectExactlyOnce(bubble(quentin.page, text));
      // He has the chat open: they are read, and Pia sees it.
      await expectTicks(pia.page, 'Missed three', 'Read');

      // Live again, both ways.
      await send(quentin.page, 'Back with you');
      await expectExactlyOnce(bubble(pia.page, 'Back with you'));
      await expectExactlyOnce(bubble(quentin.page, 'Missed two'));
      await expectExactlyOnce(bubble(pia.page, 'Missed two'));

      expectClean(pia.watched, { allowNetworkNoise: true });
      expectClean(quentin.watched, { allowNetworkNoise: true });
    });

    it('offline and back: "Reconnecting…"; messages written offline wait, survive a reload, and go out once, in order', async () => {
      const [rita, sven] = await signedInAll(await browser(), server().baseUrl, [
        ['Rita', 'Costa'],
        ['Sven', 'Aalto'],
      ]);
      if (!rita || !sven) throw new Error('sign-up failed');
      const conversationId = await startChat(rita, sven);
      await send(rita.page, 'Still there?');
      await openFromList(sven, rita, conversationId);
      await expectTicks(rita.page, 'Still there?', 'Read');

      await sven.browser.context.setOffline(true);
      await reconnecting(sven).waitFor();

      // Rita's message cannot reach him...
      await send(rita.page, 'Sent while you were offline');
      await expectTicks(rita.page, 'Sent while you were offline', 'Sent');
      expect(await bubble(sven.page, 'Sent while you were offline').count()).toBe(0);
      // ...and what he writes waits for the network, in the order written.
      const written = ['Written offline', 'Second offline', 'Third offline'];
      for (const text of written) await send(sven.page, text);
      for (const text of written) await expectTicks(sven.page, text, 'Waiting for the network');

      // A reload meanwhile loses none of it. (A page cannot reload offline, so the network comes back with the
      // sends still held: each is refused before it reaches the server, as offline.)
      let held = true;
      await sven.page.route(
        (url) => url.pathname.includes('messages.send'),
        (route) => (held ? route.abort('internetdisconnected') : route.continue()),
      );
      await sven.browser.context.setOffline(false);
      await sven.page.reload();
      for (const text of written) await expectTicks(sven.page, text, 'Waiting for the network');
      await reconnecting(sven).waitFor({ state: 'detached' });
      await expectExactlyOnce(bubble(sven.page, 'Sent while you were offline'));
      await expectTicks(rita.page, 'Sent while you were offline', 'Read');

      // Then they go out by themselves: each once, in the order written.
      held = false;
      for (const text of written) await expectTicks(sven.page, text, 'Read');
      for (const page of [sven.page, rita.page]) {
        for (const text of written) await expectExactlyOnce(bubble(page, text));
        const log = (await messageLog(page).textContent()) ?? '';
        const at = written.map((text) => log.indexOf(text));
        expect(at).toEqual([...at].sort((a, b) => a - b));
      }
      expect(await sven.page.getByRole('button', { name: 'Retry' }).count()).toBe(0);

      expectClean(rita.watched);
      expectClean(sven.watched, { allowNetworkNoise: true });
    });

    describe('the server process restarted', () => {
      let database: TestDatabase | undefined;
      let web: ServerProcess | undefined;
      const media = tempMediaRoot();
      afterAll(async () => {
        await web?.stop().catch(() => undefined);
        await database?.drop();
        media.remove();
      });

      it('pages show "Reconnecting…", come back by themselves, and show what was sent meanwhile exactly once', async () => {
        assertWebBuilt();
        database = await createTestDatabase();
        const env = {
          ...webServerEnv(media.root),
          DATABASE_URL: database.url,
          SCRYPT_LOG_N: '12',
          AUTH_SECRET,
          ...(process.env.REDIS_URL ? { REDIS_KEY_PREFIX: `chatapp-test-${randomUUID()}:` } : {}),
        };
        web = await spawnServerProcess(env);
        const { port, baseUrl } = web;

        const [tara, ugo] = await signedInAll(await browser(), baseUrl, [
          ['Tara', 'Singh'],
          ['Ugo', 'Marini'],
        ]);
        if (!tara || !ugo) throw new Error('sign-up failed');
        const conversationId = await startChat(tara, ugo);
        await send(tara.page, 'Before the restart');
        await openFromList(ugo, tara, conversationId);
        await expectTicks(tara.page, 'Before the restart', 'Read');

        // The process dies (no goodbye to the sockets); meanwhile Ugo writes from another device, through a
        // stand-in server on the same database.
        await web.crash();
        await reconnecting(tara).waitFor();
        await reconnecting(ugo).waitFor();
        const standIn = await startTestServer({ MEDIA_ROOT: media.root }, { database });
        try {
          for (const body of ['Sent during the restart 1', 'Sent during the restart 2']) {
            const sent = await client(standIn.baseUrl).post(
              `/api/v1/conversations/${conversationId}/messages`,
              { body },
              { token: ugo.token },
            );
            expect(sent.status).toBe(200);
          }
        } finally {
          await standIn.close();
        }

        web = await spawnServerProcess({ ...env, PORT: String(port) });
        await reconnecting(tara).waitFor({ state: 'detached', timeout: 30_000 });
        await reconnecting(ugo).waitFor({ state: 'detached', timeout: 30_000 });
        for (const person of [tara, ugo]) {
          await expectExactlyOnce(bubble(person.page, 'Sent during the restart 1'));
          await expectExactlyOnce(bubble(person.page, 'Sent during the restart 2'));
          await expectExactlyOnce(bubble(person.page, 'Before the restart'));
        }

        // Live again, on the new process.
        await send(tara.page, 'Welcome back');
        await expectExactlyOnce(bubble(ugo.page, 'Welcome back'));
        await expectTicks(tara.page, 'Welcome back', 'Read');

        expectClean(tara.watched, { allowNetworkNoise: true });
        expectClean(ugo.watched, { allowNetworkNoise: true });
      });
    });

    describe('away longer than the journal keeps', () => {
      // A journal that keeps about a second, pruned every half second: a short drop outlives it.
      const short = useWebServer(() => ({
        JOURNAL_RETENTION_HOURS: String(1 / 3600),
        JOURNAL_PRUNE_INTERVAL_SECONDS: '0.5',
      }));

      it('the server answers "resync" and the page reads everything again: the missed message appears once', async () => {
        const cutter = socketCutter(short.server().app.server);
        const [rita, sam] = await signedInAll(await browser(), short.server().baseUrl, [
          ['Rita', 'Lund'],
          ['Sam', 'Okafor'],
        ]);
        if (!rita || !sam) throw new Error('sign-up failed');
        const conversationId = await startChat(rita, sam);
        await send(rita.page, 'Before the long drop');
        await openFromList(sam, rita, conversationId);
        await expectExactlyOnce(bubble(sam.page, 'Before the long drop'));

        expect(cutter.cut()).toBeGreaterThanOrEqual(2);
        await reconnecting(sam).waitFor();
        await send(rita.page, 'Said while you were away');
        await expectTicks(rita.page, 'Said while you were away', 'Sent');
        // The journal forgets it: a resume cannot replay it.
        const { db } = short.server().app.deps;
        await expect
          .poll(async () => (await db.selectFrom('realtime_events').select('id').execute()).length, {
            timeout: 15_000,
          })
          .toBe(0);

        cutter.restore();
        await reconnecting(sam).waitFor({ state: 'detached' });
        await expectExactlyOnce(bubble(sam.page, 'Said while you were away'));
        // Live again afterwards.
        await send(rita.page, 'And now live');
        await expectExactlyOnce(bubble(sam.page, 'And now live'));

        expectClean(rita.watched, { allowNetworkNoise: true });
        expectClean(sam.watched, { allowNetworkNoise: true });
      });
    });
  },
);
