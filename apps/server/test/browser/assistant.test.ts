import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantEnv } from '../support/assistant';
import { checkBothSchemes } from '../support/both-schemes';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useIsolatedBrowser } from '../support/browser';
import { type FakeModelServer, startFakeModelServer } from '../support/fake-model-server';
import { tempMediaRoot } from '../support/media';
import {
  conversationList,
  conversationPane,
  expectExactlyOnce,
  messageLog,
  ON_SCREEN,
} from '../support/messenger';
import { expectClean } from '../support/page-health';
import { type Person, signedIn } from '../support/people';
import { startTestServer } from '../support/server';
import { useWebServer, webServerEnv } from '../support/web-server';

// Issue 18 items 2 and 7: the assistant's chat in the browser, against a local OpenAI-compatible server.

interface StoredChat {
  conversation_id: number;
  assistant_user_id: number;
  configured: boolean;
  messages: { id: number; sender_id: number; body: string }[];
}

/** Opens the pinned assistant row and waits for its pane (and the greeting of a new chat). */
async function openAssistant(person: Person): Promise<void> {
  const { page } = person;
  const row = conversationList(page).getByRole('link', { name: /^Assistant/ });
  await row.click();
  await page.waitForURL(/\/c\/\d+$/);
  await conversationPane(page).getByRole('heading', { level: 2, name: 'Assistant', exact: true }).waitFor();
  await messageLog(page).getByText('how can I help you?').waitFor();
}

async function ask(page: Page, question: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(question);
  await box.press('Enter');
}

describe.skipIf(skipBrowserSuite('assistant'))(
  'the assistant chat',
  { timeout: BROWSER_TEST_TIMEOUT },
  () => {
    let fake: FakeModelServer;
    beforeAll(async () => {
      fake = await startFakeModelServer();
    });
    afterAll(async () => {
      await fake?.close();
    });
    const { server, api } = useWebServer(() =>
      assistantEnv(fake, { AI_TIMEOUT_MS: '20000', AI_REQUESTS_PER_MINUTE: '50' }),
    );
    const browser = useIsolatedBrowser();

    const storedChat = async (person: Person) => {
      const res = await api().get<StoredChat>('/api/v1/assistant', { token: person.token });
      expect(res.status).toBe(200);
      return res.body;
    };

    it('is pinned first; the reply streams in as it is written, is stored once, and Stop only stops the showing', async () => {
      const ada = await signedIn(await browser(), server().baseUrl, 'Ada', 'Lovelace');
      const { page } = ada;
      // Pinned before the chat exists, above everything.
      await expect
        .poll(() => conversationList(page).getByRole('link').first().textContent(), ON_SCREEN)
        .toMatch(/^Assistant/);
      await openAssistant(ada);

      fake.script({
        kind: 'stream',
        chunks: ['Hello', ' there,', ' **friend**', '. All done.'],
        pauseAfter: 2,
      });
      const paused = fake.paused();
      await ask(page, 'Say hello');
      await paused;
      // The words written so far show before the model has finished.
      const streaming = page.getByTestId('assistant-streaming');
      await expect.poll(() => streaming.textContent(), ON_SCREEN).toContain('Hello there,');
      expect(await messageLog(page).getByText('All done.').count()).toBe(0);
      await page.getByRole('button', { name: 'Stop' }).waitFor();
      await checkBothSchemes(page, 'assistant-streaming');
      fake.release();
      await expectExactlyOnce(messageLog(page).getByText('All done.'));
      await expect.poll(() => streaming.count(), ON_SCREEN).toBe(0);
      // Markdown: the bold word is bold.
      expect(await messageLog(page).locator('strong', { hasText: 'friend' }).count()).toBe(1);

      // Stop: the bubble goes, the UI says the reply is still coming, and it comes once as an ordinary message.
      fake.script({
        kind: 'stream',
        chunks: ['Part one', ' and the end of the stopped reply.'],
        pauseAfter: 1,
      });
      const pausedAgain = fake.paused();
      await ask(page, 'Tell me more');
      await pausedAgain;
      await expect.poll(() => streaming.textContent(), ON_SCREEN).toContain('Part one');
      await page.getByRole('button', { name: 'Stop' }).click();
      await page.getByRole('status').filter({ hasText: 'still finishing it' }).waitFor();
      expect(await streaming.count()).toBe(0);
      fake.release();
      await expectExactlyOnce(messageLog(page).getByText('the end of the stopped reply.'));
      await expect.poll(() => page.getByText('still finishing it').count(), ON_SCREEN).toBe(0);

      // After a reload each reply is one bubble, and the server stored each once.
      await page.reload();
      await messageLog(page).getByText('how can I help you?').waitFor();
      await expectExactlyOnce(messageLog(page).getByText('All done.'));
      await expectExactlyOnce(messageLog(page).getByText('the end of the stopped reply.'));
      const chat = await storedChat(ada);
      const replies = chat.messages.filter((m) => m.sender_id === chat.assistant_user_id).map((m) => m.body);
      expect(replies.slice(1)).toEqual([
        'Hello there, **friend**. All done.',
        'Part one and the end of the stopped reply.',
      ]);
      expectClean(ada.watched);
    });

    it('renders markdown safely: raw HTML shows as text, links leave with rel="noopener noreferrer", code is a block', async () => {
      const ben = await signedIn(await browser(), server().baseUrl, 'Ben', 'Okri');
      const { page } = ben;
      await openAssistant(ben);
      fake.script({
        kind: 'stream',
        chunks: [
          'Careful: <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> stay text.\n\n',
          'Read [the docs](https://example.com/docs).\n\n```js\nconst answer = 42;\n```',
        ],
      });
      await ask(page, 'Show me something risky');
      const log = messageLog(page);
      const link = log.getByRole('link', { name: 'the docs' });
      const check = async () => {
        await link.waitFor();
        expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
        expect(await link.getAttribute('target')).toBe('_blank');
        expect(await link.getAttribute('href')).toBe('https://example.com/docs');
        await log.getByText('<script>window.pwned = 1</script>', { exact: false }).waitFor();
        await log.getByText('<img src=x onerror="window.pwned = 2">', { exact: false }).waitFor();
        expect(await log.locator('script, img').count()).toBe(0);
        expect(await log.locator('pre code').textContent()).toBe('const answer = 42;\n');
        expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
      };
      await check();
      await checkBothSchemes(page, 'assistant-markdown');
      // The stored reply, rendered from history, is as safe as the streamed one.
      await page.reload();
      await check();
      expectClean(ben.watched);
    });

    it('shows an upstream failure in the pane with a retry, and stores no reply', async () => {
      const cleo = await signedIn(await browser(), server().baseUrl, 'Cleo', 'Adams');
      const { page } = cleo;
      await openAssistant(cleo);
      fake.script({ kind: 'error', status: 500 });
      await ask(page, 'Will this fail?');
      const alert = conversationPane(page).getByRole('alert');
      await alert.getByText('The assistant could not answer').waitFor();
      expect(await alert.textContent()).toContain('HTTP 500');
      await checkBothSchemes(page, 'assistant-error');
      const afterFailure = await storedChat(cleo);
      // The greeting and the question; no reply, and no error text stored as one.
      expect(afterFailure.messages.map((m) => m.body)).toEqual([
        expect.stringContaining('how can I help you?'),
        'Will this fail?',
      ]);

      fake.script({ kind: 'stream', chunks: ['It works ', 'now.'] });
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expectExactlyOnce(messageLog(page).getByText('It works now.'));
      await expect.poll(() => conversationPane(page).getByRole('alert').count(), ON_SCREEN).toBe(0);
      // The subscription's failure is an answer of the API, not an error of the page.
      expectClean(cleo.watched);
    });

    it('says so when the server has no AI settings, with the composer disabled', async () => {
      const media = tempMediaRoot();
      const bare = await startTestServer(webServerEnv(media.root));
      try {
        const dan = await signedIn(await browser(), bare.baseUrl, 'Dan', 'Brown');
        const { page } = dan;
        await openAssistant(dan);
        await conversationPane(page).getByText('The assistant is not configured on this server').waitFor();
        expect(await page.getByRole('textbox', { name: 'Message' }).isDisabled()).toBe(true);
        expect(await page.getByTestId('conversation-status').textContent()).toBe(
          'Not configured on this server',
        );
        await checkBothSchemes(page, 'assistant-not-configured');
        expectClean(dan.watched);
      } finally {
        await bare.close();
        media.remove();
      }
    });
  },
);
