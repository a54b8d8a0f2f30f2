import { expect } from 'vitest';
import type { WatchedPage } from './browser';

/** Console errors that a dropped connection makes chromium itself log (not the app): WebSocket and fetch failures. */
export function isNetworkNoise(text: string): boolean {
  return /WebSocket connection to .* failed|Failed to load resource: net::ERR_|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED/.test(
    text,
  );
}

/**
 * Next's router fetches a page's React Server Component payload (`?_rsc=`) to prefetch links and navigate, and
 * scripts (`/_next/static/`) as routes need them; the browser fetches the tab's icon (`/favicon.ico`) by itself, and
 * an audio player cancels its range request for a voice message when the listener seeks.
 * When a navigation supersedes such a fetch in flight, it is cancelled (net::ERR_ABORTED). That is the router and
 * the browser working. A script that really fails to load answers an HTTP error instead.
 */
function isCancelledByNavigation(failure: { url: string; error: string }): boolean {
  if (failure.error !== 'net::ERR_ABORTED') return false;
  const url = new URL(failure.url);
  return (
    url.searchParams.has('_rsc') ||
    url.pathname.startsWith('/_next/static/') ||
    url.pathname === '/favicon.ico'
  );
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
    expect(watched.requestFailures.filter((failure) => !isCancelledByNavigation(failure))).toEqual([]);
}
