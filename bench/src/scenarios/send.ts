import { ONE_PROCESS, type Topology, topologySuffix } from '../cluster';
import { sleep } from '../concurrency';
import type { Scenario, ScenarioContext } from '../context';
import type { Dialect } from '../database';
import { measureWindows, Recorder, toFigure } from '../measure';
import { AIMS } from '../profile';
import { type ResultRow, rowFromFigure } from '../report';
import { countRows, seedDirectChats, seedUsers } from '../seed';
import { withStack } from '../stack';
import { connectClients, type Transport } from './pair-clients';
import { SendLoad } from './send-load';

/**
 * The server allows each socket 20 frames/s (WS_FRAMES_PER_SECOND, burst 60): a legacy socket above it gets error
 * frames, a tRPC socket is disconnected. Every client stays just under it; the cap is on sockets, not on users.
 */
const FRAMES_PER_SECOND = 19;

export interface SendPathOptions {
  scenario: string;
  topology: Topology;
  transport: Transport;
  /** Also measure latency at a fixed offered rate after the maximum. */
  latencyPhases: boolean;
}

/** Scenario 1: pairs of clients on the legacy socket and on tRPC; persisted messages/s and send→delivery latency. */
export const sendScenario: Scenario = async (ctx, dialect) => {
  const rows: ResultRow[] = [];
  for (const transport of ctx.profile.send.transports) {
    rows.push(
      ...(await runSendPath(ctx, dialect, {
        scenario: 'send',
        topology: ONE_PROCESS,
        transport,
        latencyPhases: true,
      })),
    );
  }
  return { rows };
};

export async function runSendPath(
  ctx: ScenarioContext,
  dialect: Dialect,
  options: SendPathOptions,
): Promise<ResultRow[]> {
  const { pairs } = ctx.profile.send;
  const { transport, scenario } = options;
  const where = topologySuffix(scenario, options.topology);
  ctx.log(`  ${scenario}: ${transport}, ${pairs} pairs${where}`);
  return withStack(
    ctx,
    dialect,
    options.topology,
    async (db) => {
      const users = await seedUsers(db, pairs * 2);
      const conversations = await seedDirectChats(
        db,
        Array.from({ length: pairs }, (_, p) => [users[2 * p]?.id ?? 0, users[2 * p + 1]?.id ?? 0] as const),
      );
      return { users, conversations };
    },
    async ({ cluster, seeded, db }) => {
      const recorder = new Recorder();
      let load: SendLoad | undefined;
      const clients = await connectClients(cluster, transport, seeded.users, {
        onMessage: (client, sequence) => load?.onMessage(client, sequence),
        onError: (text) => recorder.error(text),
      });
      const senders = clients.count;
      load = new SendLoad(
        clients,
        (client) => seeded.conversations[client >> 1] ?? 0,
        recorder,
        1000 / FRAMES_PER_SECOND,
      );
      // Let the connection-time presence frames pass before measuring.
      await sleep(1_000);
      const rows: ResultRow[] = [];
      const aim = AIMS.sendRate[dialect];
      const base = { scenario, db: dialect, unit: 'msg/s' };

      load.startClosedLoop();
      const max = toFigure(await measureWindows(recorder, cluster, ctx.profile.plan));
      await load.stop();
      rows.push(
        rowFromFigure(
          {
            ...base,
            case: `${transport}${where}, max (${senders} senders, 1 in flight each)`,
            aim: `≥ ${aim.toLocaleString('en-US')}`,
          },
          max,
        ),
      );
      ctx.log(`    max ${Math.round(max.rate)} msg/s, p99 ${max.p99.toFixed(1)} ms`);

      if (options.latencyPhases) {
        // The latency aim is at half the aimed rate. If the maximum fell short of the aim, that rate
        // would only measure a growing queue, so half the measured maximum is offered instead (and labelled so).
        const cap = senders * FRAMES_PER_SECOND;
        const rate = Math.max(1, Math.round(Math.min(aim / 2, max.rate / 2, cap)));
        const atHalfAim = rate === Math.round(aim / 2);
        load.startOpenLoop(rate);
        const figure = toFigure(await measureWindows(recorder, cluster, ctx.profile.plan));
        await load.stop();
        rows.push(
          rowFromFigure(
            {
              ...base,
              case: `${transport}${where}, offered ${rate.toLocaleString('en-US')}/s (${atHalfAim ? 'half the aim' : 'half the max'})`,
              aim: atHalfAim ? `p99 < ${AIMS.sendP99Ms} ms` : `(p99 < ${AIMS.sendP99Ms} ms at ${aim / 2}/s)`,
            },
            figure,
          ),
        );
        ctx.log(`    at ${rate}/s: p50 ${figure.p50.toFixed(1)} ms, p99 ${figure.p99.toFixed(1)} ms`);
      }

      if (recorder.errorTexts.length)
        ctx.log(`    errors, e.g.: ${recorder.errorTexts.join(' | ').slice(0, 300)}`);
      await clients.close();
      // Every message the server accepted must be in the database: the figures are persisted messages.
      const persisted = await countRows(db, 'messages');
      const lost = load.lost ? `, ${load.lost} never completed` : '';
      // Automatic "delivered" receipts in one-to-one chats are writes of their own: shown, as they weigh on the rate.
      const journal = await db
        .selectFrom('realtime_events')
        .select(['kind', (eb) => eb.fn.countAll().as('n')])
        .groupBy('kind')
        .execute();
      const kinds = journal.map((row) => `${row.kind} ${Number(row.n)}`).join(', ');
      ctx.log(`    sent ${load.sent}, persisted ${persisted}${lost}; journal: ${kinds}`);
      const last = rows.at(-1);
      if (last && (persisted !== load.sent || load.lost)) {
        last.note = [last.note, `persisted ${persisted} of ${load.sent} sent${lost}`]
          .filter(Boolean)
          .join('; ');
      }
      return rows;
    },
  );
}
