import { type HttpCall, HttpLoadClient } from '../clients/http-load';
import { ONE_PROCESS } from '../cluster';
import type { Scenario } from '../context';
import { explainReads } from '../explain';
import { measureWindows, Recorder, toFigure } from '../measure';
import { AIMS } from '../profile';
import { randomInt, seededRandom } from '../random';
import { type ResultRow, rowFromFigure } from '../report';
import { seedHistory } from '../seed-history';
import { withStack } from '../stack';

interface Endpoint {
  name: string;
  aim?: string;
  /** A request as `user`, about `conversationId` (one of that user's own conversations). */
  call(user: { token: string }, conversationId: number): HttpCall;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /getAllConversations/',
    aim: `≥ ${AIMS.conversationListRate.toLocaleString('en-US')}`,
    call: (user) => ({ method: 'GET', path: '/getAllConversations/', token: user.token }),
  },
  {
    name: 'GET /api/v1/conversations',
    aim: `≥ ${AIMS.conversationListRate.toLocaleString('en-US')}`,
    call: (user) => ({ method: 'GET', path: '/api/v1/conversations', token: user.token }),
  },
  {
    name: 'POST /getConversationMessages/',
    call: (user, conversationId) => ({
      method: 'POST',
      path: '/getConversationMessages/',
      token: user.token,
      body: { conversation_id: conversationId },
    }),
  },
  {
    name: 'GET /api/v1/conversations/{id}/messages',
    call: (user, conversationId) => ({
      method: 'GET',
      path: `/api/v1/conversations/${conversationId}/messages`,
      token: user.token,
    }),
  },
];

/**
 * Scenario 4: read endpoints on a seeded history, each request as a random user (about one of its own
 * conversations), from a fixed number of keep-alive connections each with one request in flight.
 */
export const httpScenario: Scenario = async (ctx, dialect) => {
  const { shape, concurrency } = ctx.profile.http;
  ctx.log(
    `  http: seeding ${shape.users} users, ${shape.conversations} conversations, ${shape.messages.toLocaleString('en-US')} messages`,
  );
  return withStack(
    ctx,
    dialect,
    ONE_PROCESS,
    (db) => seedHistory(db, shape),
    async ({ cluster, seeded, database }) => {
      const c = seeded.counts;
      ctx.log(
        `    seeded ${c.users} users, ${c.conversations} conversations (${c.members} memberships), ${c.messages} messages`,
      );
      const viewer = seeded.users[0];
      const viewerConversation = seeded.conversationsOf.get(0)?.[0];
      if (!viewer || viewerConversation === undefined)
        throw new Error('the seeded history has no conversations');
      const explain = await explainReads(database, { ...viewer, conversationId: viewerConversation });

      const client = new HttpLoadClient(cluster.serverFor(0).port, concurrency);
      const rows: ResultRow[] = [];
      for (const endpoint of ENDPOINTS) {
        const recorder = new Recorder();
        const random = seededRandom(11);
        let running = true;
        const worker = async () => {
          while (running) {
            const index = randomInt(random, seeded.users.length);
            const user = seeded.users[index];
            const own = seeded.conversationsOf.get(index) ?? [];
            const conversationId = own[randomInt(random, own.length)];
            if (!user || conversationId === undefined) continue;
            const started = performance.now();
            try {
              const status = await client.call(endpoint.call(user, conversationId));
              if (status === 200) recorder.record(performance.now() - started);
              else recorder.error(`HTTP ${status}`);
            } catch (error) {
              recorder.error(error instanceof Error ? error.message : String(error));
            }
          }
        };
        const workers = Array.from({ length: concurrency }, worker);
        const figure = toFigure(await measureWindows(recorder, cluster, ctx.profile.plan));
        running = false;
        await Promise.all(workers);
        ctx.log(`    ${endpoint.name}: ${Math.round(figure.rate)} req/s, p99 ${figure.p99.toFixed(1)} ms`);
        rows.push(
          rowFromFigure(
            {
              scenario: 'http',
              db: dialect,
              case: `${endpoint.name} (${concurrency} connections)`,
              unit: 'req/s',
              ...(endpoint.aim ? { aim: endpoint.aim } : {}),
              ...(recorder.errorTexts.length ? { note: recorder.errorTexts.join(', ') } : {}),
            },
            figure,
          ),
        );
      }
      client.close();
      return { rows, explain };
    },
  );
};
