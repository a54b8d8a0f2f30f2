import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Person } from './people';

/**
 * The messenger UI (apps/web) as tests drive it in chromium: its accessible names in one place (the list, the
 * pane, bubbles, the status line) and the actions people take (start a chat, create a group, send, act on a
 * message). Servers are in web-server.ts, people in people.ts, clean pages in page-health.ts.
 */

/** For `expect.poll` on what a page shows (Vitest's default of 1 s is short for a busy 2-core box). */
export const ON_SCREEN = { timeout: 20_000 } as const;

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
  const mark = bubble(page, text).getByRole('img', {
    name: /^(Waiting for the network|Sending|Not sent|Sent|Delivered|Read.*)$/,
  });
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

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
