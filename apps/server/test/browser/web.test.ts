import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebApp, DEFAULT_WEB_DIR } from '../../src/web/web-app';
import { PASSWORD } from '../support/accounts';
import { BROWSER_TEST_TIMEOUT, skipBrowserSuite, useBrowser } from '../support/browser';
import { client, type TestClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const BUILD_ID = join(DEFAULT_WEB_DIR, '.next', 'BUILD_ID');

/** The API token inside the page's web session (next-auth), read as the page's own scripts read it. */
async function sessionToken(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const session = (await (await fetch('/api/auth/session')).json()) as { apiToken?: string };
    return session.apiToken;
  });
}

describe('mounting the web UI', () => {
  it('without a production build, warns "run pnpm build" and serves no UI instead of crashing', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'chatapp-noweb-'));
    try {
      const warn = vi.fn();
      expect(
        await createWebApp({
          dev: false,
          dir: emptyDir,
          warn,
          auth: { DATA_DIR: emptyDir },
          trustProxy: false,
        }),
      ).toBeNull();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('Run `pnpm build`'));
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});

describe('web UI mounted in production mode', () => {
  let server: TestServer;
  let api: TestClient;

  beforeAll(async () => {
    // Say why up front: without a build the server (correctly) skips the UI and every page answers JSON 404.
    if (!existsSync(BUILD_ID))
      throw new Error(`apps/web is not built (${BUILD_ID} missing): run \`pnpm build\`.`);
    server = await startTestServer({ SERVE_WEB: 'true', NODE_ENV: 'production' });
    api = client(server.baseUrl);
  });
  afterAll(() => server?.close());

  it('serves the sign-in page as HTML, with links to the API docs', async () => {
    expect((await fetch(`${server.baseUrl}/`)).status).toBe(200);
    const response = await fetch(`${server.baseUrl}/sign-in`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('ChatApp');
    expect(html).toContain('href="/swagger/"');
    expect(html).toContain('href="/redoc/"');
    expect((await fetch(`${server.baseUrl}/favicon.ico`)).status).toBe(200);
  });

  it('leaves every other path to the API: unknown paths still answer JSON 404, never HTML', async () => {
    for (const path of ['/nope/', '/nope', '/index.html', '/_not-found', '/__nextjs_source-map']) {
      const response = await api.get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/json');
      expect(response.body, path).toEqual({ detail: 'Not found.' });
    }
  });

  describe.skipIf(skipBrowserSuite('web UI'))('in chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
    const browser = useBrowser();

    it('signs in through the form, survives a reload, and signs out (revoking the token)', async () => {
      const username = `web${Math.random().toString(36).slice(2, 8)}`;
      const signup = await api.post('/signup/', {
        username,
        email: `${username}@example.com`,
        password: PASSWORD,
      });
      expect(signup.status).toBe(201);

      const { page, pageErrors, consoleErrors, failedRequests } = await (await browser()).newPage();
      await page.goto(`${server.baseUrl}/`);
      // Signed out, the messenger sends the visitor to sign in.
      await page.waitForURL('**/sign-in');
      await page.getByLabel('Username or email').fill(username);
      await page.getByLabel('Password').fill(PASSWORD);
      // The button is disabled until hydration; click() waits for it to be enabled.
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Chats' }).waitFor();

      const token = await sessionToken(page);
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      expect((await api.get('/api/v1/users/me', { token: token ?? '' })).status).toBe(200);

      await page.reload();
      await page.getByRole('heading', { name: 'Chats' }).waitFor();

      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await sessionToken(page)).toBeUndefined();
      expect((await api.get('/api/v1/users/me', { token: token ?? '' })).status).toBe(401);

      expect(pageErrors).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    });

    it('signs in by email, and says so when the password is wrong', async () => {
      const username = `web${Math.random().toString(36).slice(2, 8)}`;
      const email = `${username}@example.com`;
      expect((await api.post('/signup/', { username, email, password: PASSWORD })).status).toBe(201);

      const { page, pageErrors } = await (await browser()).newPage();
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.getByLabel('Username or email').fill(email);
      await page.getByLabel('Password').fill('Wrong-passw0rd');
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Non-empty: Next's route announcer is an (empty) role="alert" too.
      const alert = page.getByRole('alert').filter({ hasText: /\S/ });
      await alert.waitFor();
      expect(await alert.textContent()).toBe('Wrong username, email or password.');

      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Chats' }).waitFor();
      expect(pageErrors).toEqual([]);
    });
  });
});
