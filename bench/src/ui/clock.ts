import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-types';

export interface ClockOffset {
  /** The page's clock (`performance.timeOrigin + performance.now()`) minus Node's `Date.now()`, in ms. */
  offsetMs: number;
  /** Round trip of the best sample: the offset is known to ± half of it. */
  roundTripMs: number;
}

/**
 * Peer latency subtracts a Node time from a page time; both read the same system clock, but the page's is built
 * from a monotonic clock and its navigation start. This checks how far apart they are: the sample with the
 * shortest round trip, its page time against the middle of the round trip.
 */
export async function measureClockOffset(page: Page, samples = 20): Promise<ClockOffset> {
  let best: ClockOffset = { offsetMs: Number.NaN, roundTripMs: Number.POSITIVE_INFINITY };
  // Node's high-resolution clock against its Date.now(), to give the offset against the clock the latency uses.
  // Date.now() is whole milliseconds (rounded down): averaged over the samples, less the half millisecond that
  // rounding adds on average.
  let nodeSkew = 0;
  for (let i = 0; i < samples; i++) {
    nodeSkew += (performance.timeOrigin + performance.now() - Date.now()) / samples;
    const before = performance.timeOrigin + performance.now();
    const pageTime = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return g.performance.timeOrigin + g.performance.now();
    });
    const after = performance.timeOrigin + performance.now();
    if (after - before < best.roundTripMs)
      best = { offsetMs: pageTime - (before + after) / 2, roundTripMs: after - before };
  }
  return { offsetMs: best.offsetMs + nodeSkew - 0.5, roundTripMs: best.roundTripMs };
}
