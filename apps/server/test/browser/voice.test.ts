import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkBothSchemes } from '../support/both-schemes';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser } from '../support/browser';
import { messageLog, ON_SCREEN, openFromList, send, startChat } from '../support/messenger';
import { expectClean } from '../support/page-health';
import { signedInAll } from '../support/people';
import { useWebServer } from '../support/web-server';

/**
 * Voice messages in chromium with its fake microphone (a generated tone; permission granted without a prompt):
 * recorded with MediaRecorder, sent through the outbox, received live on the other side and played there.
 */
const FAKE_MICROPHONE = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/**
 * Test instrumentation of the browser's own API: every stream `getUserMedia` hands out is kept, so the test can
 * see whether the page released the microphone (all its tracks ended).
 */
const TRACK_STREAMS = `(() => {
  const streams = [];
  window.__streams = streams;
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    streams.push(stream);
    return stream;
  };
})();`;

async function microphone(page: Page): Promise<{ opened: number; live: number }> {
  return page.evaluate(() => {
    const { __streams: streams = [] } = globalThis as unknown as {
      __streams?: { getTracks(): { readyState: string }[] }[];
    };
    const tracks = streams.flatMap((stream) => stream.getTracks());
    return { opened: streams.length, live: tracks.filter((track) => track.readyState === 'live').length };
  });
}

/** Records for at least `seconds` (the timer says so), then leaves the recorder to the caller. */
async function recordFor(page: Page, seconds: number): Promise<void> {
  await page.getByRole('button', { name: 'Record voice message' }).click();
  const timer = page.getByRole('timer');
  await expect
    .poll(async () => {
      const [minutes = '0', secs = '0'] = ((await timer.textContent()) ?? '0:00').split(':');
      return Number(minutes) * 60 + Number(secs);
    }, ON_SCREEN)
    .toBeGreaterThanOrEqual(seconds);
}

describe.skipIf(skipBrowserSuite('messenger: voice'))(
  'messenger: voice messages',
  { timeout: BROWSER_TEST_TIMEOUT * 2 },
  () => {
    const { server, api } = useWebServer();
    const browser = useIsolatedBrowser(FAKE_MICROPHONE);

    it('is recorded (click or hold), cancelled without a trace, sent, and plays with its length and seeking on the other side', async () => {
      const [rosa, tomas] = await signedInAll(await browser(), server().baseUrl, [
        ['Rosa', 'Ferreira'],
        ['Tomas', 'Novak'],
      ]);
      if (!rosa || !tomas) throw new Error('sign-in failed');
      await rosa.browser.context.addInitScript(TRACK_STREAMS);
      await rosa.page.reload();
      const conversationId = await startChat(rosa, tomas);
      await send(rosa.page, 'A voice message follows');

      // Cancelled: nothing is sent, and the microphone is released.
      await recordFor(rosa.page, 1);
      await checkBothSchemes(rosa.page, 'voice-recorder');
      expect((await microphone(rosa.page)).live).toBeGreaterThan(0);
      await rosa.page.getByRole('button', { name: 'Cancel recording' }).click();
      await rosa.page.getByRole('textbox', { name: 'Message' }).waitFor();
      await expect.poll(() => microphone(rosa.page), ON_SCREEN).toEqual({ opened: 1, live: 0 });

      // Sent: the pending bubble, then the stored audio message; the microphone is released again.
      await recordFor(rosa.page, 2);
      await rosa.page.getByRole('button', { name: 'Send voice message' }).click();
      await expect.poll(() => microphone(rosa.page), ON_SCREEN).toEqual({ opened: 2, live: 0 });
      await messageLog(rosa.page).getByTestId('voice-player').waitFor();

      // Hold to record: pressed, held (the recorder says to release), released: sent.
      const mic = await rosa.page.getByRole('button', { name: 'Record voice message' }).boundingBox();
      if (!mic) throw new Error('no microphone button on screen');
      await rosa.page.mouse.move(mic.x + mic.width / 2, mic.y + mic.height / 2);
      await rosa.page.mouse.down();
      await rosa.page.getByText('Release to send').waitFor();
      await expect
        .poll(async () => (await rosa.page.getByRole('timer').textContent()) ?? '', ON_SCREEN)
        .toMatch(/^0:0[1-9]$/);
      await rosa.page.mouse.up();
      await expect.poll(() => messageLog(rosa.page).getByTestId('voice-player').count(), ON_SCREEN).toBe(2);
      await expect.poll(() => microphone(rosa.page), ON_SCREEN).toEqual({ opened: 3, live: 0 });

      // Two audio messages are stored: the cancelled take never left the browser.
      const history = await api().get<{ messages: { type: string; media: { mime: string } | null }[] }>(
        `/api/v1/conversations/${conversationId}/messages`,
        { token: rosa.token },
      );
      expect(history.status).toBe(200);
      const audio = history.body.messages.filter((message) => message.type === 'audio');
      expect(audio).toHaveLength(2);
      expect(audio.map((message) => message.media?.mime)).toEqual(['audio/webm', 'audio/webm']);

      // The other side: it arrived live; its length shows before it plays.
      await openFromList(tomas, rosa, conversationId);
      await expect.poll(() => messageLog(tomas.page).getByTestId('voice-player').count(), ON_SCREEN).toBe(2);
      const player = messageLog(tomas.page).getByTestId('voice-player').first();
      const time = player.getByTestId('voice-time');
      // About two seconds were recorded; on a busy machine the recorder may start late and keep a little less.
      await expect.poll(async () => (await time.textContent()) ?? '', ON_SCREEN).toMatch(/^0:0[1-9]$/);
      // The held take may be under a second: a length reads rounded, never 0:00 for a message with sound in it.
      const held = messageLog(tomas.page).getByTestId('voice-player').nth(1).getByTestId('voice-time');
      await expect.poll(async () => (await held.textContent()) ?? '', ON_SCREEN).toMatch(/^0:0[1-9]$/);
      const element = player.locator('audio');
      const currentTime = () =>
        element.evaluate((audio) => (audio as unknown as { currentTime: number }).currentTime);

      // Play: the position advances; Pause holds it.
      await player.getByRole('button', { name: 'Play voice message' }).click();
      await expect.poll(currentTime, ON_SCREEN).toBeGreaterThan(0.5);
      await player.getByRole('button', { name: 'Pause voice message' }).click();
      await player.getByRole('button', { name: 'Play voice message' }).waitFor();
      await checkBothSchemes(tomas.page, 'voice-player');

      // Seeking with the slider (keyboard: Home to the start, Page Up a tenth further each time).
      const slider = player.getByRole('slider', { name: 'Seek' });
      await slider.focus();
      await slider.press('Home');
      await expect.poll(currentTime, ON_SCREEN).toBeLessThan(0.05);
      await slider.press('PageUp');
      await slider.press('PageUp');
      await expect.poll(currentTime, ON_SCREEN).toBeGreaterThan(0.2);

      // A browser that cannot record says so (no MediaRecorder), instead of a button that does nothing.
      await tomas.browser.context.addInitScript('delete window.MediaRecorder;');
      await tomas.page.reload();
      await tomas.page.getByRole('button', { name: 'Record voice message' }).click();
      await tomas.page
        .getByRole('alert')
        .filter({ hasText: 'This browser cannot record voice messages.' })
        .waitFor();
      await tomas.page.getByRole('button', { name: 'Close', exact: true }).click();
      await tomas.page.getByRole('textbox', { name: 'Message' }).waitFor();

      expectClean(rosa.watched);
      expectClean(tomas.watched);
    });
  },
);
