import type { Browser } from 'playwright-core';
import type { Dialect } from '../database';
import { median, quantile } from '../stats';
import type { UiBenchArgs } from './args';
import { signIn } from './browser';
import { BUDGETS, type BudgetLine, kb, ms } from './budgets';
import { type FirstLoadJs, measureFirstLoadJs } from './first-load-js';
import { withUiFixture } from './fixture';
import { type CpuShare, cpuShare, cpuSnapshot, formatShare } from './machine-share';
import { measureOpenByClick, measureOpenByUrl, type OpenByUrl, type OpenRun } from './open-history';
import { measurePeerLatency, type PeerLatency } from './peer-latency';
import { formatWaterfall } from './waterfall';

export interface DialectResults {
  db: Dialect;
  firstLoadJs: FirstLoadJs;
  peerLatency: PeerLatency;
  openByClick: OpenRun[];
  openByUrl: OpenByUrl;
  lines: BudgetLine[];
}

const LARGEST_CHUNKS = 10;

/** The run whose time is the median (the waterfall printed for it), of a non-empty list. */
function medianRun(runs: readonly OpenRun[]): OpenRun | undefined {
  const shown = runs.filter((r) => Number.isFinite(r.ms)).sort((a, b) => a.ms - b.ms);
  return shown[(shown.length - 1) >> 1];
}

const missing = (runs: readonly OpenRun[]) => {
  const count = runs.filter((r) => !Number.isFinite(r.ms)).length;
  return count ? `; ${count} never showed it` : '';
};

const spread = (runs: readonly OpenRun[]) => {
  const values = runs.map((r) => r.ms).filter((v) => Number.isFinite(v));
  return values.length ? `${ms(Math.min(...values))}–${ms(Math.max(...values))}` : '–';
};

/** All three measurements on one database, each printed as it finishes. */
export async function runOnDialect(
  browser: Browser,
  db: Dialect,
  args: UiBenchArgs,
  log: (line: string) => void,
): Promise<DialectResults> {
  return withUiFixture(db, args.historySize, log, async (fixture) => {
    const base = fixture.server.baseUrl;
    const viewer = await signIn(browser, base, fixture.viewer);
    const state = await viewer.storageState();
    const lines: BudgetLine[] = [];

    // 1. First-load JavaScript of the chat page.
    const chatPath = `/c/${fixture.bigConversationId}`;
    let mark = cpuSnapshot();
    const js = await measureFirstLoadJs(browser, state, base, chatPath);
    log(
      `\n  1. first-load JavaScript of ${chatPath} (empty cache, until network idle): ${js.chunks.length} scripts`,
    );
    log(`     ${kb(js.gzipBytes)} gzipped (${kb(js.bytes)} as served), budget ${BUDGETS.firstLoadJsKb} KB`);
    log(`     largest, gzipped (raw) [named in the HTML or loaded later] what it seems to hold:`);
    for (const c of js.chunks.slice(0, LARGEST_CHUNKS))
      log(
        `     ${kb(c.gzipBytes).padStart(9)} (${kb(c.bytes).padStart(9)}) [${c.inHtml ? 'html ' : 'later'}] ${c.path}  ${c.contents}`,
      );
    const later = js.chunks.filter((c) => !c.inHtml);
    if (later.length)
      log(
        `     loaded later by the scripts: ${later.length}, ${kb(later.reduce((s, c) => s + c.gzipBytes, 0))}`,
      );
    lines.push({
      db,
      cpu: cpuShare(mark, cpuSnapshot()),
      figure: 'first-load JS of /c/<id> (gzip)',
      value: js.gzipBytes / 1000,
      shown: kb(js.gzipBytes),
      budget: BUDGETS.firstLoadJsKb,
      budgetShown: `${BUDGETS.firstLoadJsKb} KB`,
      detail: `${js.chunks.length} scripts, ${kb(js.bytes)} raw; largest ${kb(js.chunks[0]?.gzipBytes ?? 0)}`,
    });

    // 2. A peer's message on screen.
    mark = cpuSnapshot();
    const peer = await measurePeerLatency(viewer, fixture, {
      count: args.peerMessages,
      gapMs: args.peerGapMs,
    });
    const peerCpu = cpuShare(mark, cpuSnapshot());
    const p = (values: number[], q: number) => ms(quantile(values, q));
    log(
      `\n  2. peer message → viewer's log: ${peer.shown}/${peer.sent} shown, sent ${args.peerGapMs} ms apart over HTTP`,
    );
    log(
      `     on screen  p50 ${p(peer.screenMs, 0.5)}, p95 ${p(peer.screenMs, 0.95)}, max ${p(peer.screenMs, 1)}`,
    );
    log(`     of which: send → frame in the page p50 ${p(peer.frameMs, 0.5)}, p95 ${p(peer.frameMs, 0.95)};`);
    log(`               frame → text in the log p50 ${p(peer.pageMs, 0.5)}, p95 ${p(peer.pageMs, 0.95)};`);
    log(`               the sender's request p50 ${p(peer.httpMs, 0.5)}, p95 ${p(peer.httpMs, 0.95)}`);
    log(
      `     page clock − Node clock: ${peer.clock.offsetMs.toFixed(2)} ms (± ${(peer.clock.roundTripMs / 2).toFixed(2)} ms)`,
    );
    log(`     ${formatShare(peerCpu)}`);
    lines.push({
      db,
      cpu: peerCpu,
      figure: 'peer message on screen, p50',
      value: peer.shown === peer.sent ? quantile(peer.screenMs, 0.5) : Number.NaN,
      shown: ms(quantile(peer.screenMs, 0.5)),
      budget: BUDGETS.peerMessageP50Ms,
      budgetShown: `${BUDGETS.peerMessageP50Ms} ms`,
      detail: `p95 ${p(peer.screenMs, 0.95)}, max ${p(peer.screenMs, 1)}; ${peer.shown}/${peer.sent} shown`,
    });

    // 3. The big conversation, opened.
    mark = cpuSnapshot();
    const clicks = await measureOpenByClick(viewer, fixture, args.clickRuns);
    const clickCpu = cpuShare(mark, cpuSnapshot());
    mark = cpuSnapshot();
    const urls = await measureOpenByUrl(browser, state, fixture, args.urlRuns);
    const urlCpu = cpuShare(mark, cpuSnapshot());
    const clickMs = clicks.map((r) => r.ms);
    log(
      `\n  3. ${args.historySize.toLocaleString('en-US')}-message conversation → its newest message in the log`,
    );
    log(`     click in the list (from /): ${clickMs.map((v) => v.toFixed(0)).join(', ')} ms`);
    log(`       median ${ms(median(clickMs))}, ${spread(clicks)}; requests of the median run:`);
    for (const run of [...clicks, ...urls.emptyCache, ...urls.cached])
      if (run.failure) log(`       (a run without a figure: ${run.failure})`);
    for (const line of formatWaterfall(medianRun(clicks)?.waterfall ?? [], '       ')) log(line);
    log(`       ${formatShare(clickCpu)}`);
    for (const [name, runs] of [
      ['URL, empty cache', urls.emptyCache],
      ['URL, scripts cached', urls.cached],
    ] as const) {
      log(`     load by ${name}: ${runs.map((r) => r.ms.toFixed(0)).join(', ')} ms from navigation start`);
    }
    log(`       requests of the median empty-cache load:`);
    for (const line of formatWaterfall(medianRun(urls.emptyCache)?.waterfall ?? [], '       ')) log(line);
    log(`       ${formatShare(urlCpu)}`);
    const openLine = (figure: string, runs: readonly OpenRun[], cpu: CpuShare): BudgetLine => ({
      db,
      cpu,
      figure,
      value: median(runs.map((r) => r.ms)),
      shown: ms(median(runs.map((r) => r.ms))),
      budget: BUDGETS.openConversationMs,
      budgetShown: `${BUDGETS.openConversationMs} ms`,
      detail: `median of ${runs.length}, ${spread(runs)}${missing(runs)}`,
    });
    lines.push(
      openLine(`${(args.historySize / 1000).toFixed(0)}k conversation, click in list`, clicks, clickCpu),
      openLine(
        `${(args.historySize / 1000).toFixed(0)}k conversation, URL, empty cache`,
        urls.emptyCache,
        urlCpu,
      ),
      openLine(`${(args.historySize / 1000).toFixed(0)}k conversation, URL, cached`, urls.cached, urlCpu),
    );
    await viewer.close();
    return { db, firstLoadJs: js, peerLatency: peer, openByClick: clicks, openByUrl: urls, lines };
  });
}
