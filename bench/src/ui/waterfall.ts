import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-types';

/** One thing that happened in the page while a measured step ran, in ms from the step's start. */
export interface WaterfallEntry {
  name: string;
  /** The resource's initiator type (script, fetch, link, …), `task` for a long task, `dom` for the log appearing. */
  kind: string;
  startMs: number;
  endMs: number;
}

/**
 * What the page did between `from` and `to` (its `performance.now()` times): requests (scripts, fetches, the
 * router's RSC requests) from resource timing, main-thread tasks over 50 ms, and when the message log appeared.
 */
export async function stepWaterfall(page: Page, from: number, to: number): Promise<WaterfallEntry[]> {
  const { resources, longTasks, logAt } = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return {
      resources: g.performance.getEntriesByType('resource').map((entry) => ({
        name: entry.name,
        initiatorType: entry.initiatorType,
        startTime: entry.startTime,
        responseEnd: entry.responseEnd,
      })),
      longTasks: g.__uiBench?.longTasks ?? [],
      logAt: g.__uiBench?.logAt,
    };
  });
  const within = (start: number) => start >= from - 0.5 && start <= to;
  const entries: WaterfallEntry[] = [
    ...resources
      .filter((r) => within(r.startTime))
      .map((r) => ({
        name: shortName(r.name),
        kind: r.initiatorType,
        startMs: r.startTime - from,
        endMs: r.responseEnd - from,
      })),
    ...longTasks
      .filter(([start, duration]) => within(start) || within(start + duration))
      .map(([start, duration]) => ({
        name: 'long task',
        kind: 'task',
        startMs: start - from,
        endMs: start + duration - from,
      })),
    ...(logAt !== undefined && within(logAt)
      ? [{ name: 'message log in the DOM', kind: 'dom', startMs: logAt - from, endMs: logAt - from }]
      : []),
  ];
  return entries.sort((a, b) => a.startMs - b.startMs);
}

/** The path, with a query cut short: tRPC's batched procedure names stay readable, their inputs do not matter. */
function shortName(url: string): string {
  const { pathname, search } = new URL(url);
  return search ? `${pathname}?${search.slice(1, 24)}${search.length > 25 ? '…' : ''}` : pathname;
}

export function formatWaterfall(entries: readonly WaterfallEntry[], indent: string): string[] {
  return entries.map(
    (e) =>
      `${indent}${e.startMs.toFixed(0).padStart(5)} → ${e.endMs.toFixed(0).padStart(5)} ms  ${e.kind.padEnd(6)} ${e.name}`,
  );
}
