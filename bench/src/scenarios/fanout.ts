import { HttpLoadClient } from '../clients/http-load';
import { connectLegacySocket, isErrorFrame, markerIn } from '../clients/legacy-socket';
import { ONE_PROCESS, type Topology, topologySuffix } from '../cluster';
import { mapLimit, sleep, waitFor } from '../concurrency';
import type { Scenario, ScenarioContext } from '../context';
import type { Dialect } from '../database';
import { measureWindows, Recorder, toFigure } from '../measure';
import { AIMS } from '../profile';
import { type ResultRow, rowFromFigure } from '../report';
import { seedGroup, seedUsers } from '../seed';
import { withStack } from '../stack';

const MARKER = 'fo';
const LEGACY_MARKER = Buffer.from(`"body":"${MARKER}`);

/** Scenario 2: one sender into a group of 100 and of 1,000 members; deliveries/s and per-delivery latency. */
export const fanoutScenario: Scenario = async (ctx, dialect) => {
  const rows: ResultRow[] = [];
  for (const size of ctx.profile.fanout.groupSizes) {
    rows.push(await runFanout(ctx, dialect, { scenario: 'fanout', topology: ONE_PROCESS, groupSize: size }));
  }
  return { rows };
};

export interface FanoutOptions {
  scenario: string;
  topology: Topology;
  groupSize: number;
}

/**
 * Every member holds a legacy socket (the sender's own socket gets the echo, so a message is `groupSize`
 * deliveries); the sender posts to the v1 API (`POST /api/v1/conversations/{id}/messages`) over keep-alive
 * connections: every socket, legacy or tRPC, is limited to 20 frames/s, which caps one socket-bound sender at
 * 20,000 deliveries/s into a group of 1,000, below what is being measured.
 * The sender keeps a fixed number of deliveries in flight (profile.fanout) and sends the next message when one has
 * reached every member, so the server's fan-out, not a fixed rate, sets the pace.
 */
export async function runFanout(
  ctx: ScenarioContext,
  dialect: Dialect,
  options: FanoutOptions,
): Promise<ResultRow> {
  const { groupSize, topology, scenario } = options;
  const where = topologySuffix(scenario, topology);
  ctx.log(`  ${scenario}: group of ${groupSize}${where}`);
  return withStack(
    ctx,
    dialect,
    topology,
    (db) => seedUsers(db, groupSize),
    async ({ cluster, seeded: users, db }) => {
      const recorder = new Recorder();
      const inFlightMessages = Math.max(1, Math.round(ctx.profile.fanout.deliveriesInFlight / groupSize));
      const inFlight = new Map<number, { at: number; remaining: number }>();
      let running = false;
      let nextSequence = 0;
      let sent = 0;

      const onDelivery = (sequence: number) => {
        const message = inFlight.get(sequence);
        if (!message) return;
        recorder.record(performance.now() - message.at);
        if (--message.remaining > 0) return;
        inFlight.delete(sequence);
        if (running) send();
      };
      const sockets = await mapLimit(users, 50, (user, i) =>
        connectLegacySocket(cluster.serverFor(i).port, user.token, (data) => {
          const sequence = markerIn(data, LEGACY_MARKER);
          if (sequence >= 0) onDelivery(sequence);
          else if (isErrorFrame(data)) recorder.error(data.toString());
        }),
      );
      const sender = new HttpLoadClient(cluster.serverFor(0).port, inFlightMessages);
      const senderToken = users[0]?.token ?? '';
      // The group is created once everyone is connected: members of a group that already existed would each get
      // a presence update for every other member joining, a connection storm that is not what is measured here.
      // Written directly, as the product caps groups created through the API at 256 members.
      const groupId = await seedGroup(
        db,
        `Fan-out ${groupSize}`,
        users.map((u) => u.id),
      );
      await sleep(500);

      function send(): void {
        const sequence = nextSequence++;
        sent += 1;
        inFlight.set(sequence, { at: performance.now(), remaining: groupSize });
        const failed = (text: string) => {
          recorder.error(text);
          inFlight.delete(sequence);
          if (running) send();
        };
        sender
          .call({
            method: 'POST',
            path: `/api/v1/conversations/${groupId}/messages`,
            token: senderToken,
            body: { body: `${MARKER}${sequence}` },
          })
          .then(
            (status) => {
              if (status !== 200 && status !== 201) failed(`HTTP ${status}`);
            },
            (error: unknown) => failed(error instanceof Error ? error.message : String(error)),
          );
      }

      running = true;
      for (let i = 0; i < inFlightMessages; i++) send();
      const figure = toFigure(await measureWindows(recorder, cluster, ctx.profile.plan));
      running = false;
      await waitFor(() => inFlight.size === 0, 15_000);
      const lost = inFlight.size;
      sender.close();
      for (const socket of sockets) socket.close();
      const messagesPerSecond = figure.rate / groupSize;
      if (recorder.errorTexts.length)
        ctx.log(`    errors, e.g.: ${recorder.errorTexts.join(' | ').slice(0, 300)}`);
      ctx.log(
        `    ${Math.round(figure.rate)} deliveries/s (${messagesPerSecond.toFixed(1)} msg/s), p99 ${figure.p99.toFixed(0)} ms; sent ${sent}${lost ? `, ${lost} incomplete` : ''}`,
      );
      const big = groupSize >= 1_000;
      return rowFromFigure(
        {
          scenario,
          db: dialect,
          case: `group of ${groupSize.toLocaleString('en-US')}${where}, ${inFlightMessages} msgs in flight`,
          unit: 'deliveries/s',
          aim: big ? `≥ ${AIMS.fanoutRate.toLocaleString('en-US')}, p99 < ${AIMS.fanoutP99Ms} ms` : '',
          note: `${messagesPerSecond.toFixed(1)} msg/s${lost ? `; ${lost} incomplete` : ''}`,
        },
        figure,
      );
    },
  );
}
