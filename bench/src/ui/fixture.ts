import { randomBytes } from 'node:crypto';
import { openDatabase } from '@chatapp/db';
import { createBenchDatabase, type Dialect } from '../database';
import { type ServerProcess, startServer } from '../server-process';
import { openDirect, type RestUser, sendText, signUp } from './rest';
import { seedConversationHistory } from './seed-conversation';

/** What the measurements run against: a server with the UI, three users and two conversations. */
export interface UiFixture {
  server: ServerProcess;
  /** Run-unique prefix of every marker text, so a marker matches nothing else on the page. */
  tag: string;
  /** The user whose browser is measured. */
  viewer: RestUser;
  /** Sends to the viewer over HTTP (peer latency). */
  peer: RestUser;
  peerConversationId: number;
  /** The conversation of `historySize` messages, and the marker in its newest message's text. */
  bigConversationId: number;
  newestMarker: string;
}

/** Marker text: brackets on both sides, so a marker never runs into the digits of a time next to it. */
export const marker = (tag: string, name: string | number): string => `[${tag}:${name}]`;

/**
 * A fresh database and a server with the web UI in its own process; users signed up over REST (so they have
 * passwords for the sign-in form); the big conversation seeded straight into the database, its newest message
 * sent over HTTP. Everything is torn down when `body` ends.
 */
export async function withUiFixture<R>(
  dialect: Dialect,
  historySize: number,
  log: (line: string) => void,
  body: (fixture: UiFixture) => Promise<R>,
): Promise<R> {
  const database = await createBenchDatabase(dialect);
  let server: ServerProcess | undefined;
  let handle: ReturnType<typeof openDatabase> | undefined;
  try {
    const started = performance.now();
    // The server migrates the fresh database at start-up.
    server = await startServer({ databaseUrl: database.url, mediaRoot: database.dir, web: true });
    log(
      `  server pid ${server.pid} on ${server.baseUrl} (${dialect}), up in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const base = server.baseUrl;
    const tag = `uib${randomBytes(3).toString('hex')}`;
    const viewer = await signUp(base, `${tag}ada`, 'Ada');
    const peer = await signUp(base, `${tag}bob`, 'Bob');
    const archivist = await signUp(base, `${tag}cleo`, 'Cleo');
    const peerConversationId = await openDirect(base, viewer, peer.id);
    const bigConversationId = await openDirect(base, viewer, archivist.id);

    handle = openDatabase(database.url);
    const seedStarted = performance.now();
    await seedConversationHistory(handle.db, bigConversationId, [archivist.id, viewer.id], historySize - 1);
    const newestMarker = marker(tag, 'newest');
    await sendText(
      base,
      archivist,
      bigConversationId,
      `Newest of ${historySize.toLocaleString('en-US')} ${newestMarker}`,
    );
    log(
      `  seeded ${historySize.toLocaleString('en-US')} messages in conversation ${bigConversationId} in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    return await body({ server, tag, viewer, peer, peerConversationId, bigConversationId, newestMarker });
  } finally {
    await handle?.close();
    await server?.stop();
    const complaints = server?.stderr ?? [];
    if (complaints.length) {
      log(`  server stderr (${complaints.length} lines, first 5):`);
      for (const line of complaints.slice(0, 5)) log(`    ${line}`);
    }
    await database.drop();
  }
}
