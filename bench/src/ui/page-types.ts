/**
 * The few browser APIs that the code run inside the page uses. The bench compiles without TypeScript's DOM library
 * (it is a Node program), so in-page functions cast `globalThis` to this instead.
 */

export interface PageNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly parentElement: PageElement | null;
}

export interface PageElement extends PageNode {
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  click(): void;
}

export interface PageMutationRecord {
  readonly type: string;
  readonly target: PageNode;
  readonly addedNodes: ArrayLike<PageNode>;
}

export interface PageMutationObserver {
  observe(target: PageNode, options: { childList: boolean; subtree: boolean; characterData: boolean }): void;
}

export interface PageSocket {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface PageResourceTiming {
  readonly name: string;
  readonly initiatorType: string;
  readonly startTime: number;
  readonly responseEnd: number;
}

/** What the probes record, in `performance.now()` milliseconds of the page. */
export interface ProbeState {
  /** Marker → when it first appeared inside the message log. */
  seen: Record<string, number>;
  /** Marker → when a WebSocket frame carrying it first reached the page (before the app handled the frame). */
  frames: Record<string, number>;
  /** When the message log first existed in the document. */
  logAt?: number;
  /** Main-thread tasks over 50 ms: [start, duration]. */
  longTasks: Array<[number, number]>;
  /** Set just before a measured click: still there afterwards proves the click did not reload the page. */
  clickedAt?: number;
}

export interface PagePerformanceObserver {
  observe(options: { type: 'longtask'; buffered: boolean }): void;
}

export interface PageGlobals {
  document: PageNode & { querySelector(selector: string): PageElement | null };
  MutationObserver: new (callback: (records: PageMutationRecord[]) => void) => PageMutationObserver;
  PerformanceObserver: new (
    callback: (list: { getEntries(): Array<{ startTime: number; duration: number }> }) => void,
  ) => PagePerformanceObserver;
  WebSocket: new (url: string, protocols?: string | string[]) => PageSocket;
  performance: {
    readonly timeOrigin: number;
    now(): number;
    getEntriesByType(type: 'resource'): PageResourceTiming[];
  };
  __uiBench?: ProbeState;
}
