import type { Dialect } from './database';

export const SCENARIO_NAMES = ['send', 'fanout', 'idle', 'http', 'scaleout', 'login'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface BenchArgs {
  scenarios: ScenarioName[];
  dialects: Dialect[];
  quick: boolean;
  /** Write server CPU profiles (`--cpu-prof`) under bench-results/profiles/. */
  cpuProf: boolean;
  redisUrl: string;
}

export const USAGE = `Usage: pnpm bench [--scenario ${SCENARIO_NAMES.join(',')}] [--db sqlite|mariadb|both] [--quick] [--cpu-prof]
  --scenario  comma-separated scenarios to run (default: all)
  --db        database(s) to run on (default: both, or sqlite with --quick; MariaDB at mysql://root@127.0.0.1:3306,
              or BENCH_MARIADB_URL)
  --quick     small sizes and short windows: a 1–2 minute smoke run per database, not figures to quote
  --cpu-prof  run the servers with --cpu-prof (profiles in bench-results/profiles/)
  --redis     Redis URL for the scale-out scenario (default: REDIS_URL or redis://127.0.0.1:6379)`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  let dialectsGiven = false;
  const args: BenchArgs = {
    scenarios: [...SCENARIO_NAMES],
    dialects: ['sqlite', 'mariadb'],
    quick: false,
    cpuProf: false,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = (argv[i] ?? '').split('=', 2);
    const value = () => inline ?? argv[++i] ?? '';
    switch (flag) {
      case '--':
        break;
      case '--scenario':
      case '--scenarios': {
        const names = value().split(',').filter(Boolean);
        const unknown = names.filter((n) => !(SCENARIO_NAMES as readonly string[]).includes(n));
        if (unknown.length || names.length === 0)
          throw new Error(`unknown scenario: ${unknown.join(', ') || '(none)'}`);
        args.scenarios = names as ScenarioName[];
        break;
      }
      case '--db': {
        const db = value();
        if (db === 'both') args.dialects = ['sqlite', 'mariadb'];
        else if (db === 'sqlite' || db === 'mariadb') args.dialects = [db];
        else throw new Error(`--db must be sqlite, mariadb or both, not "${db}"`);
        dialectsGiven = true;
        break;
      }
      case '--quick':
        args.quick = true;
        break;
      case '--cpu-prof':
        args.cpuProf = true;
        break;
      case '--redis':
        args.redisUrl = value();
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  // A quick run is a development smoke test: one database unless asked for more.
  if (args.quick && !dialectsGiven) args.dialects = ['sqlite'];
  return args;
}
