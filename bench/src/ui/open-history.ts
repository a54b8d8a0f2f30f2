import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newContext, type SignedInState } from './browser';
import type { UiFixture } from './fixture';
import type { PageGlobals } from './page-types';
import { addProbes, literalPattern, readProbes, waitForMarkers } from './probes';
import { stepWaterfall, type WaterfallEntry } from './waterfall';

/** One opening of the big conversation: until its newest message's text is in the log, and what the page fetched. */
export interface OpenRun {
  ms: number;
  waterfall: WaterfallEntry[];
  /** Where the page was, and whether it had a log, when the newest message never showed. */
  failure?: string;
}

const SHOWN_TIMEOUT_MS = 15_000;

async function newestShownAt(page: Page, fixture: UiFixture): Promise<number> {
  await waitForMarkers(page, [fixture.newestMarker], SHOWN_TIMEOUT_MS);
  return (await readProbes(page)).seen[fixture.newestMarker] ?? Number.NaN;
}

/** Why a run has no figure: the page's URL and whether the log was there at all. */
async function describeFailure(page: Page, shown: number): Promise<{ failure?: string }> {
  if (Number.isFinite(shown)) return {};
  const probes = await readProbes(page).catch(() => undefined);
  return {
    failure: `not shown within ${SHOWN_TIMEOUT_MS / 1000} s at ${page.url()} (message log ${probes?.logAt === undefined ? 'never appeared' : 'appeared'})`,
  };
}

/**
 * The page is signed in on `/` (loaded afresh for every run, so no history is cached in it, and idle, so the list's
 * link prefetches are done); t0 is `performance.now()` in the page right before `click()` on the conversation's
 * link in the list, which Next.js turns into a client-side navigation.
 */
export async function measureOpenByClick(
  context: BrowserContext,
  fixture: UiFixture,
  runs: number,
): Promise<OpenRun[]> {
  const page = await context.newPage();
  const selector = `nav[aria-label="Conversation list"] a[href="/c/${fixture.bigConversationId}"]`;
  try {
    await addProbes(page, { pattern: literalPattern(fixture.newestMarker), tapSockets: false });
    const results: OpenRun[] = [];
    for (let run = 0; run < runs; run++) {
      await page.goto(`${fixture.server.baseUrl}/`, { waitUntil: 'networkidle' });
      await page.locator(selector).waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const t0 = await page.evaluate((linkSelector) => {
        const g = globalThis as unknown as PageGlobals;
        const link = g.document.querySelector(linkSelector);
        if (!link) throw new Error(`no ${linkSelector}`);
        const now = g.performance.now();
        if (g.__uiBench) g.__uiBench.clickedAt = now;
        link.click();
        return now;
      }, selector);
      const shown = await newestShownAt(page, fixture);
      if ((await readProbes(page)).clickedAt !== t0)
        throw new Error('the click loaded a new document instead of navigating in the page (not hydrated?)');
      results.push({
        ms: shown - t0,
        waterfall: await stepWaterfall(page, t0, shown),
        ...(await describeFailure(page, shown)),
      });
    }
    return results;
  } finally {
    await page.close();
  }
}

export interface OpenByUrl {
  /** A first visit: a new context, so nothing in the HTTP cache (the session cookie only). */
  emptyCache: OpenRun[];
  /** The same URL loaded again in that context: the scripts come from the HTTP cache. */
  cached: OpenRun[];
}

/** `/c/<id>` typed into the address bar: from navigation start (the page's time origin) until the newest text. */
export async function measureOpenByUrl(
  browser: Browser,
  state: SignedInState,
  fixture: UiFixture,
  runs: number,
): Promise<OpenByUrl> {
  const url = `${fixture.server.baseUrl}/c/${fixture.bigConversationId}`;
  const result: OpenByUrl = { emptyCache: [], cached: [] };
  for (let run = 0; run < runs; run++) {
    const context = await newContext(browser, state);
    try {
      const page = await context.newPage();
      await addProbes(page, { pattern: literalPattern(fixture.newestMarker), tapSockets: false });
      for (const into of [result.emptyCache, result.cached]) {
        await page.goto(url, { waitUntil: 'commit' });
        const shown = await newestShownAt(page, fixture);
        into.push({
          ms: shown,
          waterfall: await stepWaterfall(page, 0, shown),
          ...(await describeFailure(page, shown)),
        });
        await page.waitForLoadState('networkidle');
      }
    } finally {
      await context.close();
    }
  }
  return result;
}
