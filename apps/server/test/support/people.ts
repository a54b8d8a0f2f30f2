import { randomBytes } from 'node:crypto';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from './accounts';
import type { IsolatedBrowser, TestBrowser, WatchedPage } from './browser';
import { client } from './http';

/**
 * People using the messenger UI, each in an isolated browser context: signed up through the form, or signed in
 * through next-auth's endpoints with an account made through the API.
 */

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
