import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext } from 'playwright-core';
import { type ClockOffset, measureClockOffset } from './clock';
import { marker, type UiFixture } from './fixture';
import { addProbes, LOG_SELECTOR, readProbes, waitForMarkers } from './probes';
import { sendText } from './rest';

export interface PeerLatency {
  sent: number;
  /** Messages that reached the viewer's log. */
  shown: number;
  /** Each sorted ascending, in ms. Sent (Date.now() before the request) → text in the viewer's message log. */
  screenMs: number[];
  /** Sent → the WebSocket frame carrying it reaches the page. */
  frameMs: number[];
  /** That frame → the text in the log (the page's own work: the event handler, React, react-virtuoso). */
  pageMs: number[];
  /** The sender's HTTP request, until its answer. */
  httpMs: number[];
  clock: ClockOffset;
}

const WARM_UP = 5;

/**
 * The viewer has the peer's conversation open; the peer sends `count` unique messages over HTTP from here, one
 * every `gapMs`, each timed from Date.now() just before its request to the moment its text is in the viewer's log.
 * A few warm-up messages first prove the page's event stream is live (and warm the connections).
 */
export async function measurePeerLatency(
  context: BrowserContext,
  fixture: UiFixture,
  options: { count: number; gapMs: number },
): Promise<PeerLatency> {
  const { server, tag, peer, peerConversationId } = fixture;
  const page = await context.newPage();
  try {
    await addProbes(page, { pattern: `\\[${tag}:[pw]\\d+\\]`, tapSockets: true });
    await page.goto(`${server.baseUrl}/c/${peerConversationId}`);
    await page.locator(LOG_SELECTOR).waitFor({ timeout: 30_000 });
    const clock = await measureClockOffset(page);

    for (let i = 0; i < WARM_UP; i++) {
      const warm = marker(tag, `w${i}`);
      await sendText(server.baseUrl, peer, peerConversationId, `Warm-up ${i} ${warm}`);
      await waitForMarkers(page, [warm], 30_000);
    }

    const sentAt = new Map<string, number>();
    const httpMs: number[] = [];
    const start = performance.now() + options.gapMs;
    for (let i = 0; i < options.count; i++) {
      const wait = start + i * options.gapMs - performance.now();
      if (wait > 0) await sleep(wait);
      const text = marker(tag, `p${i}`);
      const requestStarted = performance.now();
      sentAt.set(text, Date.now());
      await sendText(server.baseUrl, peer, peerConversationId, `Message ${i + 1} from Bob ${text}`);
      httpMs.push(performance.now() - requestStarted);
    }
    await waitForMarkers(page, [...sentAt.keys()], 10_000);

    const probes = await readProbes(page);
    const screenMs: number[] = [];
    const frameMs: number[] = [];
    const pageMs: number[] = [];
    for (const [text, sent] of sentAt) {
      const seen = probes.seen[text];
      const frame = probes.frames[text];
      if (seen !== undefined) screenMs.push(probes.timeOrigin + seen - sent);
      if (frame !== undefined) frameMs.push(probes.timeOrigin + frame - sent);
      if (seen !== undefined && frame !== undefined) pageMs.push(seen - frame);
    }
    const ascending = (values: number[]) => values.sort((a, b) => a - b);
    return {
      sent: sentAt.size,
      shown: screenMs.length,
      screenMs: ascending(screenMs),
      frameMs: ascending(frameMs),
      pageMs: ascending(pageMs),
      httpMs: ascending(httpMs),
      clock,
    };
  } finally {
    await page.close();
  }
}
