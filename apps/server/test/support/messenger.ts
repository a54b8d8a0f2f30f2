import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEFAULT_WEB_DIR } from '../../src/web/web-app';
import { PASSWORD } from './accounts';
import type { IsolatedBrowser, TestBrowser, WatchedPage } from './browser';
import { client, type TestClient } from './http';
import { tempMediaRoot } from './media';
import { startTestServer, type TestServer } from './server';

/**
 * Helpers for tests of the messenger UI (apps/web) in chromium: a server that mounts the production build, people
 * who sign up through the UI in isolated browser contexts, and the UI's accessible names in one place.
 */

export const BUILD_ID = join(DEFAULT_WEB_DIR, '.next', 'BUILD_ID');

/** For `expect.poll` on what a page shows (Vitest's default of 1 s is short for a busy 2-core box). */
export const ON_SCREEN = { timeout: 20_000 } as const;

/** Where screenshots of the main screens go (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../browser/screenshots/', import.meta.url));

/** Says why up front: without a build the server (correctly) skips the UI and every page answers JSON 404. */
export function assertWebBuilt(): void {
  if (!existsSync(BUILD_ID))
    throw new Error(`apps/web is not built (${BUILD_ID} missing): run \`pnpm build\` (or \`pnpm test\`).`);
}

/** What a web-serving server needs besides the test defaults: production Next, and uploads in a temp folder. */
export function webServerEnv(mediaRoot: string): Record<string, string> {
  return { SERVE_WEB: 'true', NODE_ENV: 'production', MEDIA_ROOT: mediaRoot };
}

/** One server mounting the built UI on a fresh database for the calling suite; closed after it. */
export function useWebServer(): { server: () => TestServer; api: () => TestClient } {
  let server: TestServer | undefined;
  let api: TestClient | undefined;
  const media = tempMediaRoot();
  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer(webServerEnv(media.root));
    api = client(server.baseUrl);
  });
  afterAll(async () => {
    await server?.close();
    media.remove();
  });
  return {
    server: () => {
      if (!server) throw new Error('The suite server has not started yet');
      return server;
    },
    api: () => {
      if (!api) throw new Error('The suite server has not started yet');
      return api;
    },
  };
}

/**
 * Drops the event sockets (tRPC WebSockets at /trpc) of a running server from its side, as a network failure or
 * a proxy would, and refuses new ones until `restore()`: the pages stay on their "Reconnecting…" banner meanwhile.
 * HTTP keeps working (queries and sends do not use the socket).
 */
export function socketCutter(server: Server): { cut(): number; restore(): void; open(): number } {
  const sockets = new Set<Duplex>();
  let refusing = false;
  // Before the server's own upgrade router, which then finds the socket destroyed and leaves it.
  server.prependListener('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/trpc') return;
    if (refusing) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    cut() {
      refusing = true;
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      return count;
    },
    restore() {
      refusing = false;
    },
    open: () => sockets.size,
  };
}

/** Someone using the messenger in their own browser context (own cookies and storage). */
export interface Person {
  first: string;
  last: string;
  /** "First Last", as the UI shows it. */
  name: string;
  username: string;
  email: string;
  id: number;
  /** The API token inside the web session. */
  token: string;
  /** The server this person's browser talks to. */
  baseUrl: string;
  browser: TestBrowser;
  watched: WatchedPage;
  page: Page;
}

/** The API token inside the page's web session (next-auth), read as the page's own scripts read it. */
export async function sessionToken(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const session = (await (await fetch('/api/auth/session')).json()) as { apiToken?: string };
    return session.apiToken;
  });
}

/** A unique, valid username that starts with the first name (letters, digits, at most 20 characters). */
export function usernameFor(first: string): string {
  return `${first.toLowerCase().slice(0, 10)}${randomBytes(4).toString('hex')}`;
}

/**
 * Opens a fresh browser context and signs up through the form at /sign-up; resolves once the messenger shows
 * ("Chats"), with the account's id and token read back from the session and the API.
 */
export async function signUp(
  browser: IsolatedBrowser,
  baseUrl: string,
  first: string,
  last: string,
  options: BrowserContextOptions = {},
): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const watched = await context.newPage();
  const { page } = watched;
  const username = usernameFor(first);
  const email = `${username}@example.com`;
  await page.goto(`${baseUrl}/sign-up`);
  const form = page.getByRole('form', { name: 'Create your account' });
  await form.getByLabel('First name').fill(first);
  await form.getByLabel('Last name').fill(last);
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  // Disabled until hydration; click() waits for it to be enabled.
  await form.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
  const token = await sessionToken(page);
  if (!token) throw new Error(`no API token in the session of ${username}`);
  const me = await client(baseUrl).get<{ id: number; username: string }>('/api/v1/users/me', { token });
  expect(me.status).toBe(200);
  expect(me.body.username).toBe(username);
  return {
    first,
    last,
    name: `${first} ${last}`,
    username,
    email,
    id: me.body.id,
    token,
    baseUrl,
    browser: context,
    watched,
    page,
  };
}

/**
 * Someone with an account made through the API and a web session opened through next-auth's own endpoints (what
 * the sign-in form posts), in a fresh context, on the messenger: for tests of something else than signing up,
 * at a fraction of the form's cost.
 */
export async function signedIn(
  browser: IsolatedBrowser,
  baseUrl: string,
  first: string,
  last: string,
  options: BrowserContextOptions = {},
): Promise<Person> {
  const api = client(baseUrl);
  const username = usernameFor(first);
  const email = `${username}@example.com`;
  const account = await api.post<{ id: number }>('/api/v1/auth/signup', {
    username,
    email,
    password: PASSWORD,
    first_name: first,
    last_name: last,
  });
  expect(account.status).toBe(200);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const { request } = context.context;
  const csrf = (await (await request.get(`${baseUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const signIn = await request.post(`${baseUrl}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf.csrfToken, identifier: username, password: PASSWORD, json: 'true' },
  });
  expect(signIn.ok()).toBe(true);
  const watched = await context.newPage();
  const { page } = watched;
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
  const token = await sessionToken(page);
  if (!token) throw new Error(`no API token in the session of ${username}`);
  return {
    first,
    last,
    name: `${first} ${last}`,
    username,
    email,
    id: account.body.id,
    token,
    baseUrl,
    browser: context,
    watched,
    page,
  };
}

/** Several people signed in (signedIn), one after another. */
export async function signedInAll(
  browser: IsolatedBrowser,
  baseUrl: string,
  names: readonly (readonly [string, string])[],
): Promise<Person[]> {
  const people: Person[] = [];
  for (const [first, last] of names) people.push(await signedIn(browser, baseUrl, first, last));
  return people;
}

/** Signs several people up one after another (each in its own context). */
export async function signUpAll(
  browser: IsolatedBrowser,
  baseUrl: string,
  names: readonly (readonly [string, string])[],
  options: BrowserContextOptions = {},
): Promise<Person[]> {
  const people: Person[] = [];
  for (const [first, last] of names) people.push(await signUp(browser, baseUrl, first, last, options));
  return people;
}

/** The conversation's id in a `/c/<id>` URL. */
export function conversationIdOf(page: Page): number {
  const match = /\/c\/(\d+)(?:[?#].*)?$/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on a conversation: ${page.url()}`);
  return Number(match[1]);
}

/**
 * Finds `other` through the "New chat" dialog (a server-side people search, here by username) and opens the
 * one-to-one chat with them; resolves with its id once the pane shows their name.
 */
export async function startChat(person: Person, other: Person): Promise<number> {
  const { page } = person;
  await page.getByRole('button', { name: 'New chat', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New chat' });
  await dialog.getByLabel('Search people').fill(other.username);
  await dialog.getByRole('button', { name: new RegExp(`^${escapeRegExp(other.name)}`) }).click();
  await page.waitForURL(/\/c\/\d+$/);
  await dialog.waitFor({ state: 'detached' });
  await conversationPane(page).getByRole('heading', { level: 2, name: other.name, exact: true }).waitFor();
  return conversationIdOf(page);
}

/**
 * Creates a group in the "New group" dialog: its name, then each member found by username and picked (a chip
 * "Remove <name>" appears for each); resolves with its id once its pane is open.
 */
export async function createGroup(
  person: Person,
  title: string,
  members: readonly Person[],
): Promise<number> {
  const { page } = person;
  await page.getByRole('button', { name: 'New group', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Group name').fill(title);
  for (const member of members) {
    await dialog.getByLabel('Search people').fill(member.username);
    await dialog.getByRole('button', { name: new RegExp(`^${escapeRegExp(member.name)}`) }).click();
    await dialog.getByRole('button', { name: `Remove ${member.name}` }).waitFor();
  }
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await page.waitForURL(/\/c\/\d+$/);
  await dialog.waitFor({ state: 'detached' });
  await conversationPane(page).getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
  return conversationIdOf(page);
}

/** Opens the conversation with `other` from `person`'s list (where it arrived live) and waits for its history. */
export async function openFromList(
  person: Person,
  other: Person | string,
  conversationId: number,
): Promise<void> {
  await conversationRow(person.page, typeof other === 'string' ? other : other.name).click();
  await person.page.waitForURL(`**/c/${conversationId}`);
  await messageLog(person.page).waitFor();
}

/** The list in the sidebar. */
export function conversationList(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Conversation list' });
}

/** The row of a conversation in the list: its link, named by the conversation's name (and preview, badge). */
export function conversationRow(page: Page, name: string): Locator {
  return conversationList(page).getByRole('link', { name: new RegExp(escapeRegExp(name)) });
}

/** The open conversation. */
export function conversationPane(page: Page): Locator {
  return page.getByRole('region', { name: 'Conversation' });
}

/** The history of the open conversation. */
export function messageLog(page: Page): Locator {
  return page.getByRole('log', { name: 'Messages' });
}

/** The status line under the conversation's name ("online", "typing…", "3 members, 2 online"). */
export function conversationStatus(page: Page): Locator {
  return page.getByTestId('conversation-status');
}

/** Waits for the conversation's status line to read `expected` (failing with what it read instead). */
export async function expectStatus(page: Page, expected: string | RegExp): Promise<void> {
  const status = conversationStatus(page);
  const matcher = typeof expected === 'string' ? new RegExp(`^${escapeRegExp(expected)}$`) : expected;
  await expect.poll(async () => (await status.textContent()) ?? '', ON_SCREEN).toMatch(matcher);
}

/** A bubble of the open conversation, by (part of) its text: the smallest element of the log holding it. */
export function bubble(page: Page, text: string): Locator {
  return messageLog(page).getByText(text);
}

/**
 * Waits for the status mark of one's own message (the bubble holding `text`) to be named `expected` ("Sent",
 * "Delivered", "Read", "Read by 2"...), failing with the name it had instead.
 */
export async function expectTicks(page: Page, text: string, expected: string): Promise<void> {
  const mark = bubble(page, text).getByRole('img', { name: /^(Sending|Not sent|Sent|Delivered|Read.*)$/ });
  await expect.poll(async () => mark.getAttribute('aria-label'), ON_SCREEN).toBe(expected);
}

/** Types into the composer and sends with Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect.poll(() => box.inputValue(), ON_SCREEN).toBe('');
}

/**
 * Waits until `locator` matches exactly one element, then checks it stays one for `settleMs` (a duplicate that
 * arrives a moment later fails the test).
 */
export async function expectExactlyOnce(locator: Locator, settleMs = 300): Promise<void> {
  await expect.poll(() => locator.count(), ON_SCREEN).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  expect(await locator.count()).toBe(1);
}

/**
 * The row of one message in the open conversation: the innermost element holding both `content` (its text, or a
 * locator inside it) and the message's actions button.
 */
export function messageRow(page: Page, content: string | Locator): Locator {
  return messageLog(page)
    .locator('div')
    .filter({ has: typeof content === 'string' ? page.getByText(content) : content })
    .filter({ has: page.getByRole('button', { name: 'Message actions' }) })
    .last();
}

/** Opens a message's action menu (the button shows on hover or focus) and picks an item. */
export async function messageAction(page: Page, text: string, item: string): Promise<void> {
  const row = messageRow(page, text);
  await row.hover();
  await row.getByRole('button', { name: 'Message actions' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Console errors that a dropped connection makes chromium itself log (not the app): WebSocket and fetch failures. */
export function isNetworkNoise(text: string): boolean {
  return /WebSocket connection to .* failed|Failed to load resource: net::ERR_|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED/.test(
    text,
  );
}

/**
 * Next's router fetches a page's React Server Component payload (`?_rsc=`) to prefetch links and navigate; when a
 * navigation supersedes one in flight, the router cancels it (net::ERR_ABORTED). That is the router working.
 */
function isCancelledRscFetch(failure: { url: string; error: string }): boolean {
  return failure.error === 'net::ERR_ABORTED' && new URL(failure.url).searchParams.has('_rsc');
}

/**
 * The page ran cleanly: no uncaught exception, no console error, no failed request. With `allowNetworkNoise`
 * (a test that drops the connection on purpose) chromium's own reports of the failed connections are expected;
 * `allowConsole` lists the other console errors a test causes on purpose (chromium logs every HTTP 401 as one).
 * The app's own errors are never expected.
 */
export function expectClean(
  watched: WatchedPage,
  options: { allowNetworkNoise?: boolean; allowConsole?: readonly RegExp[] } = {},
): void {
  expect(watched.pageErrors.map((error) => error.message)).toEqual([]);
  const allowed = (text: string) =>
    (options.allowNetworkNoise && isNetworkNoise(text)) ||
    (options.allowConsole ?? []).some((pattern) => pattern.test(text));
  expect(watched.consoleErrors.filter((text) => !allowed(text))).toEqual([]);
  if (!options.allowNetworkNoise)
    expect(watched.requestFailures.filter((failure) => !isCancelledRscFetch(failure))).toEqual([]);
}

const requireFromHere = createRequire(import.meta.url);
const AXE_PATH = requireFromHere.resolve('axe-core');

/** Runs axe-core in the page; returns its serious and critical violations (ids, and the first few targets). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // (globalThis is the page's window in there; this package's TypeScript has no DOM types.)
  const injected = await page.evaluate(() => 'axe' in globalThis);
  if (!injected) await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as { axe: { run(): Promise<AxeResults> } };
    return axe.run();
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`.replace(/\s+/g, ' '))
          .join('; ')})`,
    );
}

/** Saves a screenshot of the viewport as screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  return path;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
