import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { afterAll } from 'vitest';

/**
 * Real-browser tests drive Debian's chromium (apt) through playwright-core: nothing is downloaded. CHROMIUM_PATH
 * overrides the binary (another distro, or checking the "missing browser" path).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Per-test timeout for browser suites: page loads on a busy 2-core box take seconds each. */
export const BROWSER_TEST_TIMEOUT = 60_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // runs as root in containers, where the sandbox cannot start
  '--disable-gpu',
  // No calls home: the machine is offline and tests must not depend on (or wait for) the network.
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

function missingMessage(): string {
  return `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` (or set CHROMIUM_PATH).`;
}

/**
 * Whether a browser suite should be skipped. Only a developer machine may skip, and loudly; in CI (`CI` set) a
 * missing browser is a failure: the suite runs and `launchBrowser` throws.
 */
export function skipBrowserSuite(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH) || process.env.CI) return false;
  const line = '!'.repeat(100);
  console.warn(`${line}\n!! SKIPPING browser tests (${suite}). ${missingMessage()}\n${line}`);
  return true;
}

/** A page that records what went wrong in it, so a test can assert the page ran cleanly. */
export interface WatchedPage {
  page: Page;
  /** Uncaught exceptions thrown by the page's scripts. */
  pageErrors: Error[];
  /** Console messages at level "error". */
  consoleErrors: string[];
  /** URLs of requests that failed at the network level (not HTTP errors). */
  failedRequests: string[];
  /** The same failures with chromium's reason (net::ERR_ABORTED for a request the page itself cancelled). */
  requestFailures: { url: string; error: string }[];
}

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<WatchedPage>;
  close(): Promise<void>;
}

/** Launches chromium with a fresh, throw-away profile (no state leaks between suites or runs). */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${missingMessage()}${process.env.CI ? ' CI must not skip the browser tests.' : ''}`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'chatapp-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    context,
    newPage: async () => watchPage(await context.newPage()),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Records what goes wrong in a page (see WatchedPage), with the suites' default locator timeout. */
export function watchPage(page: Page): WatchedPage {
  // Below the suites' test timeout (BROWSER_TEST_TIMEOUT), so a missing element fails with Playwright's own
  // message (which names the locator) rather than a bare "test timed out". Generous: CI boxes have 2 cores.
  page.setDefaultTimeout(20_000);
  const watched: WatchedPage = {
    page,
    pageErrors: [],
    consoleErrors: [],
    failedRequests: [],
    requestFailures: [],
  };
  page.on('pageerror', (error) => watched.pageErrors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('requestfailed', (request) => {
    watched.failedRequests.push(request.url());
    watched.requestFailures.push({ url: request.url(), error: request.failure()?.errorText ?? 'unknown' });
  });
  return watched;
}

/**
 * One chromium whose contexts are isolated from each other (cookies, storage, cache), like separate people on
 * separate machines: what a test of several signed-in users needs. Each context is closed with the browser.
 */
export interface IsolatedBrowser {
  browser: Browser;
  /** A fresh context (viewport, colour scheme... as given); closing it is what "closing the app" looks like. */
  newContext(options?: BrowserContextOptions): Promise<TestBrowser>;
  close(): Promise<void>;
}

/**
 * `extraArgs` adds chromium flags for one suite only, e.g. a fake microphone (`--use-fake-device-for-media-stream
 * --use-fake-ui-for-media-stream`: a generated tone, and permission granted without a prompt).
 */
export async function launchIsolatedBrowser(extraArgs: readonly string[] = []): Promise<IsolatedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${missingMessage()}${process.env.CI ? ' CI must not skip the browser tests.' : ''}`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  return {
    browser,
    async newContext(options = {}) {
      const context = await browser.newContext(options);
      return {
        context,
        newPage: async () => watchPage(await context.newPage()),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** Like useBrowser, for isolated contexts: launched on first use (with `extraArgs`), closed after the suite. */
export function useIsolatedBrowser(extraArgs: readonly string[] = []): () => Promise<IsolatedBrowser> {
  let launched: Promise<IsolatedBrowser> | undefined;
  afterAll(async () => {
    const browser = await launched?.catch(() => undefined);
    await browser?.close();
  });
  return () => {
    launched ??= launchIsolatedBrowser(extraArgs);
    return launched;
  };
}

/**
 * Call inside a suite: returns a getter that launches the browser on first use and closes it after the suite.
 * Lazy on purpose: when chromium is missing in CI, each test fails with the message above (counted as failed)
 * instead of a hook error that leaves the tests merely "skipped".
 */
export function useBrowser(): () => Promise<TestBrowser> {
  let launched: Promise<TestBrowser> | undefined;
  afterAll(async () => {
    const browser = await launched?.catch(() => undefined);
    await browser?.close();
  });
  return () => {
    launched ??= launchBrowser();
    return launched;
  };
}
