import type { Page } from 'playwright-core';
import type { PageElement, PageGlobals, ProbeState } from './page-types';

/** The message history pane (react-virtuoso inside a `log` region). */
export const LOG_SELECTOR = '[role="log"][aria-label="Messages"]';

export interface ProbeOptions {
  /** A regular expression (source) for the markers to time; each distinct match is timed once. */
  pattern: string;
  /** Also time when a WebSocket frame carrying a marker reaches the page. */
  tapSockets: boolean;
  logSelector: string;
}

/**
 * Runs inside the page, before its own scripts (an init script, so on every navigation): a MutationObserver on the
 * whole document notes when each marker first appears inside the message log (the sidebar's preview line does not
 * count). The time is taken in the observer's callback, which runs right after the DOM change (React's commit),
 * before the browser paints it. With `tapSockets`, every WebSocket the page opens first reports frames that carry
 * a marker, before the app's own listeners see them.
 */
export function installProbes(options: ProbeOptions): void {
  const page = globalThis as unknown as PageGlobals;
  if (page.__uiBench) return;
  const state: ProbeState = { seen: {}, frames: {}, longTasks: [] };
  page.__uiBench = state;
  const marker = new RegExp(options.pattern, 'g');
  const note = (into: Record<string, number>, text: string | null, at: number): void => {
    if (!text) return;
    for (const match of text.matchAll(marker)) {
      if (!(match[0] in into)) into[match[0]] = at;
    }
  };

  new page.MutationObserver((records) => {
    const at = page.performance.now();
    if (state.logAt === undefined && page.document.querySelector(options.logSelector)) state.logAt = at;
    for (const record of records) {
      if (record.type === 'characterData') {
        if (record.target.parentElement?.closest(options.logSelector))
          note(state.seen, record.target.textContent, at);
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        const element = node.nodeType === 1 ? (node as PageElement) : node.parentElement;
        if (!element) continue;
        if (element.closest(options.logSelector)) note(state.seen, node.textContent, at);
        else
          for (const log of Array.from(element.querySelectorAll(options.logSelector)))
            note(state.seen, log.textContent, at);
      }
    }
  }).observe(page.document, { childList: true, subtree: true, characterData: true });

  new page.PerformanceObserver((list) => {
    for (const task of list.getEntries()) state.longTasks.push([task.startTime, task.duration]);
  }).observe({ type: 'longtask', buffered: true });

  if (options.tapSockets) {
    const Native = page.WebSocket;
    page.WebSocket = class extends Native {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (event) => {
          if (typeof event.data === 'string') note(state.frames, event.data, page.performance.now());
        });
      }
    };
  }
}

/** Installs the probes for every later navigation of `page`. */
export async function addProbes(page: Page, options: Omit<ProbeOptions, 'logSelector'>): Promise<void> {
  await page.addInitScript(installProbes, { ...options, logSelector: LOG_SELECTOR });
}

export interface ProbeReadout extends ProbeState {
  timeOrigin: number;
}

export function readProbes(page: Page): Promise<ProbeReadout> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const state = g.__uiBench ?? { seen: {}, frames: {}, longTasks: [] };
    return { ...state, timeOrigin: g.performance.timeOrigin };
  });
}

/** Waits until every marker has appeared in the log (or the timeout passes; then the caller sees what is missing). */
export async function waitForMarkers(
  page: Page,
  markers: readonly string[],
  timeoutMs: number,
): Promise<void> {
  await page
    .waitForFunction(
      (wanted) => {
        const seen = (globalThis as unknown as PageGlobals).__uiBench?.seen ?? {};
        return wanted.every((m) => m in seen);
      },
      [...markers],
      { timeout: timeoutMs, polling: 20 },
    )
    .catch(() => undefined);
}

/** Escapes text for use as a literal inside a regular expression. */
export function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
