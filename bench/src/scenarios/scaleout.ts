import type { Scenario } from '../context';
import type { ResultRow } from '../report';
import { runFanout } from './fanout';
import { runSendPath } from './send';

/**
 * Scenario 5: the send path (legacy, maximum rate) and the large fan-out with one process, and with processes
 * behind Redis. Clients are dealt round-robin over the processes, so with two each pair of chatters and the group
 * straddle both, and every delivery crosses Redis.
 */
export const scaleoutScenario: Scenario = async (ctx, dialect) => {
  const rows: ResultRow[] = [];
  for (const topology of ctx.profile.scaleout.topologies) {
    rows.push(
      ...(await runSendPath(ctx, dialect, {
        scenario: 'scaleout',
        topology,
        transport: 'legacy',
        latencyPhases: false,
      })),
    );
    rows.push(
      await runFanout(ctx, dialect, {
        scenario: 'scaleout',
        topology,
        groupSize: ctx.profile.scaleout.groupSize,
      }),
    );
  }
  return { rows };
};
