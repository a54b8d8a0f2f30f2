import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useBrowser, type WatchedPage } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

/** Paths the docs must list: REST v1 (relative to the /api/v1 server entry) and the legacy routes. */
const EXPECTED_PATHS = [
  '/auth/login',
  '/users/me',
  '/signup/',
  '/login/',
  '/get/',
  '/update/',
  '/fetchAllUsers/',
];

// ReDoc's "API docs by Redocly" logo comes from this CDN; offline it can only fail, and it is cosmetic.
const REDOC_CDN = 'https://cdn.redoc.ly/';

describe.skipIf(skipBrowserSuite('API docs'))(
  'API docs in a real browser',
  { timeout: BROWSER_TEST_TIMEOUT },
  () => {
    let server: TestServer;
    const browser = useBrowser();

    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server?.close());

    async function openPage(): Promise<WatchedPage> {
      const watched = await (await browser()).newPage();
      // Fail the CDN request at once instead of waiting on DNS (or, online, fetching it): same result either way.
      await watched.page.route(`${REDOC_CDN}**`, (route) => route.abort('internetdisconnected'));
      return watched;
    }

    it('Swagger UI renders the operations from /swagger.json', async () => {
      const { page, pageErrors, failedRequests } = await openPage();
      await page.goto(`${server.baseUrl}/swagger/`);
      const operations = page.locator('.opblock-summary-path');
      await operations.first().waitFor();
      // data-path holds the raw path; the visible text has zero-width break hints inserted.
      const paths = await Promise.all(
        (await operations.all()).map((operation) => operation.getAttribute('data-path')),
      );
      expect(paths).toEqual(expect.arrayContaining(EXPECTED_PATHS));
      expect(pageErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    });

    it('ReDoc renders the operations from /swagger.json', async () => {
      const { page, pageErrors, failedRequests } = await openPage();
      await page.goto(`${server.baseUrl}/redoc/`);
      // Each operation gets a side-menu entry whose id names it, and a section that shows its path.
      // (attached, not visible: entries of collapsed menu groups exist but are hidden)
      await page.locator('[data-item-id*="/operation/"]').first().waitFor({ state: 'attached' });
      // biome-ignore lint/performance/useDomNodeTextContent: assert on rendered text, not script and style contents
      const body = await page.locator('body').innerText();
      for (const path of EXPECTED_PATHS) expect(body, path).toContain(path);
      expect(body).toContain('Log in by username or email');
      expect(pageErrors).toEqual([]);
      expect(failedRequests.filter((url) => !url.startsWith(REDOC_CDN))).toEqual([]);
    });

    it('the AsyncAPI page renders both sockets from /asyncapi.json, offline, and Swagger UI links to it', async () => {
      const { page, pageErrors, failedRequests } = await openPage();
      await page.goto(`${server.baseUrl}/swagger/`);
      // (Swagger UI opens description links in a new tab: the link is checked, then followed here.)
      await page.locator('a[href="/asyncapi/"]').first().waitFor({ state: 'attached' });
      await page.goto(`${server.baseUrl}/asyncapi/`);
      // (attached: the component keeps sections of the narrow test viewport collapsed, hence hidden)
      await page.getByText('ChatApp realtime events').first().waitFor({ state: 'attached' });
      const body = (await page.locator('#asyncapi').textContent()) ?? '';
      for (const text of ['/ws/global/', '/trpc', 'chat_message', 'connected_users', 'message.created']) {
        expect(body, text).toContain(text);
      }
      expect(pageErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    });
  },
);
