import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ScenarioName } from './args';
import type { Scenario, ScenarioContext } from './context';
import { formatExplain } from './explain';
import { rerunWithMoreFilesIfNeeded } from './fd-limit';
import { RESULTS_DIR } from './paths';
import { loadAverage } from './proc';
import { FULL, QUICK } from './profile';
import { type BenchReport, formatTable, machineInfo, writeReport } from './report';
import { fanoutScenario } from './scenarios/fanout';
import { httpScenario } from './scenarios/http-reads';
import { idleScenario } from './scenarios/idle';
import { loginScenario } from './scenarios/login';
import { scaleoutScenario } from './scenarios/scaleout';
import { sendScenario } from './scenarios/send';

const SCENARIOS: Record<ScenarioName, Scenario> = {
  send: sendScenario,
  fanout: fanoutScenario,
  idle: idleScenario,
  http: httpScenario,
  scaleout: scaleoutScenario,
  login: loginScenario,
};

/** `pnpm bench`: every scenario on every database, one fresh database and server per case, then one table. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const profile = args.quick ? QUICK : FULL;
  const startedAt = new Date().toISOString();
  const loadAtStart = loadAverage();
  const cpuProfileDir = args.cpuProf
    ? join(RESULTS_DIR, 'profiles', startedAt.replace(/[:.]/g, '-'))
    : undefined;
  if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });
  const ctx: ScenarioContext = {
    profile,
    redisUrl: args.redisUrl,
    cpuProfileDir,
    log: (line) => console.log(line),
  };
  console.log(
    `ChatApp bench (${profile.name}): ${args.scenarios.join(', ')} on ${args.dialects.join(', ')}; load average ${loadAtStart}`,
  );

  const report: BenchReport = {
    startedAt,
    finishedAt: '',
    profile: profile.name,
    argv: process.argv.slice(2),
    machine: machineInfo(loadAtStart),
    rows: [],
    explain: [],
  };
  for (const dialect of args.dialects) {
    for (const name of args.scenarios) {
      console.log(`\n[${dialect}] ${name}`);
      const started = performance.now();
      const output = await SCENARIOS[name](ctx, dialect);
      report.rows.push(...output.rows);
      if (output.explain?.length) {
        report.explain.push(...output.explain.map((entry) => ({ db: dialect, ...entry })));
        console.log(`  query plans (${dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'}):`);
        console.log(formatExplain(output.explain));
      }
      console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  report.finishedAt = new Date().toISOString();
  report.machine = machineInfo(loadAtStart);
  console.log(`\n${formatTable(report.rows)}`);
  console.log(
    `\nCPU is in % of one core (the machine has ${report.machine.cpus}); load average ${loadAtStart} at start, ${report.machine.loadAverageAtEnd} at end.`,
  );
  console.log(`Results: ${writeReport(report)}`);
  if (cpuProfileDir) console.log(`CPU profiles: ${cpuProfileDir}`);
}

if (!rerunWithMoreFilesIfNeeded()) {
  main().then(
    // Sockets and pools are closed by then; exiting also ends any straggling timers of client libraries.
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
