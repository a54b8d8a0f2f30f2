import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from '../paths';
import { loadAverage } from '../proc';
import { machineInfo } from '../report';
import { parseUiArgs } from './args';
import { launchChromium } from './browser';
import { type BudgetLine, formatBudgetTable } from './budgets';
import { type DialectResults, runOnDialect } from './run-dialect';
import { requireWebBuild } from './web-build';

/**
 * `pnpm bench:ui`: issue 14's web UI budgets, measured in Debian's chromium against the production build served by
 * the real server in its own process: first-load JavaScript of the chat page, a peer's message on screen, and a
 * conversation of 10,000 messages opened. Printed (and written to bench-results/), never asserted.
 */
async function main(): Promise<void> {
  const args = parseUiArgs(process.argv.slice(2));
  requireWebBuild();
  const startedAt = new Date().toISOString();
  const loadAtStart = loadAverage();
  const browser = await launchChromium();
  console.log(
    `ChatApp UI bench on ${args.dialects.join(', ')}: chromium ${browser.version()}, load average ${loadAtStart}`,
  );
  const results: DialectResults[] = [];
  try {
    for (const db of args.dialects) {
      console.log(`\n[${db}]`);
      results.push(await runOnDialect(browser, db, args, (line) => console.log(line)));
    }
  } finally {
    await browser.close();
  }
  const lines: BudgetLine[] = results.flatMap((r) => r.lines);
  console.log(`\n${formatBudgetTable(lines)}`);
  console.log(
    '"others CPU": the share of the whole machine (all cores) that programs other than this bench, its server and its chromium used meanwhile.',
  );
  const machine = machineInfo(loadAtStart);
  console.log(
    `\n${machine.cpus} CPUs (${machine.model}), Node ${machine.node}; load average ${loadAtStart} at start, ${machine.loadAverageAtEnd} at end.`,
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `ui-${startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(path, `${JSON.stringify({ startedAt, args, machine, results }, null, 2)}\n`);
  console.log(`Results: ${path}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
