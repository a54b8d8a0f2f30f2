import type { Dialect } from './database';
import type { ExplainEntry } from './explain';
import type { Profile } from './profile';
import type { ResultRow } from './report';

/** What every scenario gets from the command line. */
export interface ScenarioContext {
  profile: Profile;
  redisUrl: string;
  /** When set, servers write V8 CPU profiles here (`--cpu-prof`). */
  cpuProfileDir?: string | undefined;
  log(line: string): void;
}

export interface ScenarioOutput {
  rows: ResultRow[];
  explain?: ExplainEntry[];
}

export type Scenario = (ctx: ScenarioContext, dialect: Dialect) => Promise<ScenarioOutput>;
