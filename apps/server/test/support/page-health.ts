import { expect } from 'vitest';
import type { WatchedPage } from './browser';

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
