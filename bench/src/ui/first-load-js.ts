import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { newContext, type SignedInState } from './browser';
import { guessContents } from './chunk-contents';
import { LOG_SELECTOR } from './probes';

export interface ScriptChunk {
  path: string;
  bytes: number;
  gzipBytes: number;
  /** Named by the page's HTML (a `<script>` or preload), rather than loaded later by the scripts themselves. */
  inHtml: boolean;
  contents: string;
}

export interface FirstLoadJs {
  url: string;
  chunks: ScriptChunk[];
  bytes: number;
  gzipBytes: number;
}

/**
 * Opens `path` signed in, in a context with an empty HTTP cache, and collects every script response the page
 * loads until the network is idle (API calls are fetches, not scripts, and are left out). Each body is gzipped here
 * with zlib's default level, whatever the server sent, so the figure does not depend on its compression.
 */
export async function measureFirstLoadJs(
  browser: Browser,
  state: SignedInState,
  baseUrl: string,
  path: string,
): Promise<FirstLoadJs> {
  const context = await newContext(browser, state);
  try {
    const page = await context.newPage();
    const bodies: Promise<{ url: string; body: Buffer } | null>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script' || response.status() !== 200) return;
      bodies.push(
        response.body().then(
          (body) => ({ url: response.url(), body }),
          () => null,
        ),
      );
    });
    const document = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
    const html = (await document?.text()) ?? '';
    await page.locator(LOG_SELECTOR).waitFor();
    await page.waitForLoadState('networkidle');

    const chunks: ScriptChunk[] = [];
    for (const entry of await Promise.all(bodies)) {
      if (!entry) continue;
      const pathname = new URL(entry.url).pathname;
      chunks.push({
        path: pathname,
        bytes: entry.body.length,
        gzipBytes: gzipSync(entry.body).length,
        inHtml: html.includes(pathname),
        contents: guessContents(entry.body.toString('utf8')),
      });
    }
    chunks.sort((a, b) => b.gzipBytes - a.gzipBytes);
    return {
      url: path,
      chunks,
      bytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
      gzipBytes: chunks.reduce((sum, c) => sum + c.gzipBytes, 0),
    };
  } finally {
    await context.close();
  }
}
