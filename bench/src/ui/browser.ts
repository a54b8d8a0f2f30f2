import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium (apt), driven by playwright-core: no browser is ever downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** As the browser tests (apps/server/test/support/browser.ts): headless, and no calls home. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH).`,
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Cookies of a signed-in context, to open others (each with an empty HTTP cache) as the same user. */
export type SignedInState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * A new context (its own cookies and HTTP cache), desktop-sized so the list and the conversation are side by side.
 * tsx compiles the bench with esbuild's keepNames, which wraps inner functions in `__name(...)`; functions handed
 * to the page carry those calls, so the page gets a no-op `__name` first.
 */
export async function newContext(browser: Browser, state?: SignedInState): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...(state ? { storageState: state } : {}),
  });
  await context.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
  return context;
}

/** Signs in through the UI's own form (next-auth), as a person would; returns the signed-in context. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  login: { username: string; password: string },
): Promise<BrowserContext> {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Username or email').fill(login.username);
  await page.getByLabel('Password').fill(login.password);
  // Disabled until hydration; click() waits for it to be enabled.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
  await page.close();
  return context;
}
