import type { Cluster } from './cluster';
import { sleep } from './concurrency';
import { selfCpuSeconds } from './proc';
import { type LatencySummary, median, Samples, summarize } from './stats';

/** How a load phase is measured: a warm-up (JIT, caches, connection pools), then consecutive windows. */
export interface MeasurePlan {
  warmupMs: number;
  windows: number;
  windowMs: number;
}

/**
 * Collects completions of a load phase. Scenarios call `record` once per completed unit (a delivered message, a
 * delivery to one member, an HTTP response); the measuring loop cuts the stream into windows.
 */
export class Recorder {
  private samples = new Samples();
  private count = 0;
  private errorCount = 0;
  readonly errorTexts: string[] = [];

  record(latencyMs: number): void {
    this.count += 1;
    this.samples.push(latencyMs);
  }

  /** A unit that failed (an error frame, a non-200 response): counted apart, never as throughput. */
  error(text: string): void {
    this.errorCount += 1;
    if (this.errorTexts.length < 5 && !this.errorTexts.includes(text)) this.errorTexts.push(text);
  }

  /** Hands over what was recorded since the last cut and starts afresh. */
  cut(): { count: number; errors: number; latency: LatencySummary } {
    const cut = { count: this.count, errors: this.errorCount, latency: summarize(this.samples) };
    this.samples = new Samples();
    this.count = 0;
    this.errorCount = 0;
    return cut;
  }
}

export interface WindowResult {
  seconds: number;
  /** Completions per second in this window. */
  rate: number;
  errors: number;
  latency: LatencySummary;
  /** CPU used in the window, in cores (1.0 = one core busy for the whole window). */
  serverCores: number;
  generatorCores: number;
}

/** Runs while the scenario's load is applied: warm-up, then `windows` measured windows. */
export async function measureWindows(
  recorder: Recorder,
  cluster: Cluster,
  plan: MeasurePlan,
): Promise<WindowResult[]> {
  await sleep(plan.warmupMs);
  recorder.cut();
  const results: WindowResult[] = [];
  for (let i = 0; i < plan.windows; i++) {
    const start = performance.now();
    const server0 = cluster.cpuSeconds();
    const generator0 = selfCpuSeconds();
    await sleep(plan.windowMs);
    const seconds = (performance.now() - start) / 1000;
    const cut = recorder.cut();
    results.push({
      seconds,
      rate: cut.count / seconds,
      errors: cut.errors,
      latency: cut.latency,
      serverCores: (cluster.cpuSeconds() - server0) / seconds,
      generatorCores: (selfCpuSeconds() - generator0) / seconds,
    });
  }
  return results;
}

/** A figure: the median over windows of each quantity, with the per-window rates kept for the JSON. */
export interface Figure {
  rate: number;
  p50: number;
  p99: number;
  serverCores: number;
  generatorCores: number;
  errors: number;
  windowRates: number[];
}

export function toFigure(windows: readonly WindowResult[]): Figure {
  return {
    rate: median(windows.map((w) => w.rate)),
    p50: median(windows.map((w) => w.latency.p50)),
    p99: median(windows.map((w) => w.latency.p99)),
    serverCores: median(windows.map((w) => w.serverCores)),
    generatorCores: median(windows.map((w) => w.generatorCores)),
    errors: windows.reduce((sum, w) => sum + w.errors, 0),
    windowRates: windows.map((w) => Math.round(w.rate)),
  };
}
