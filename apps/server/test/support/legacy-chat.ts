import { createUser, type TestUser } from './accounts';
import { countRows } from './conversations';
import { client, type TestClient } from './http';
import { filesUnder, tempMediaRoot } from './media';
import { startTestServer, type TestServer } from './server';

/** Shared fixtures of the legacy message and media suites: a server, three users and alice↔bob's chat. */
export const Z_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/;
export const OFFSET_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;
/** A content-addressed media path in a legacy folder. */
export const HASHED = (folder: string, ext: string) => new RegExp(`^${folder}/[0-9a-f]{64}\\.${ext}$`);

export interface Envelope<T = Record<string, unknown>> {
  success: boolean;
  message?: string;
  error?: string;
  data: T;
}

export interface LegacyMessage {
  id: number;
  type: string;
  body: string;
  media_url: string | null;
  status: string;
  is_edited: boolean;
  created_at: string;
  updated_at: string;
  conversation_id: number;
  sender_id: number;
  sender_first_name: string;
  sender_last_name: string;
  sender_username: string;
  sender_profile: string | null;
}

export interface LegacyChat {
  server: TestServer;
  api: TestClient;
  alice: TestUser;
  bob: TestUser;
  /** A third user, in no conversation with the others. */
  eve: TestUser;
  chat: number;
  media: ReturnType<typeof tempMediaRoot>;
  close(): Promise<void>;
}

/** Boots a server with its own media folder; alice is named "Alice O'Neil" so sender fields can be checked. */
export async function startLegacyChat(overrides: Record<string, string> = {}): Promise<LegacyChat> {
  const media = tempMediaRoot();
  const server = await startTestServer({ MEDIA_ROOT: media.root, ...overrides });
  const api = client(server.baseUrl);
  const [alice, bob, eve] = [await createUser(api), await createUser(api), await createUser(api)];
  const named = await api.put(
    '/update/',
    { first_name: 'Alice', last_name: "O'Neil" },
    { token: alice.token },
  );
  if (named.status !== 200) throw new Error(`naming alice failed: ${named.status}`);
  const opened = await api.post<Envelope<{ conversation_id: number }>>(
    '/getConversation/',
    { user_id: String(bob.id), is_group: false },
    { token: alice.token },
  );
  return {
    server,
    api,
    alice,
    bob,
    eve,
    chat: opened.body.data.conversation_id,
    media,
    async close() {
      await server.close();
      media.remove();
    },
  };
}

/** The legacy message calls as a user, plus what a test needs to show that nothing was stored. */
export function legacyCalls(fixture: () => LegacyChat) {
  const api = () => fixture().api;
  return {
    send: (caller: TestUser, body: Record<string, unknown>) =>
      api().post<Envelope<Record<string, unknown> & { id: number; media_url: string | null }>>(
        '/sendMessage/',
        body,
        { token: caller.token },
      ),
    async sendText(caller: TestUser, text: string, conversationId = fixture().chat): Promise<number> {
      const res = await api().post<Envelope<{ id: number }>>(
        '/sendMessage/',
        { conversation_id: conversationId, type: 'text', body: text },
        { token: caller.token },
      );
      if (res.status !== 201) throw new Error(`send failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data.id;
    },
    async history(caller: TestUser, conversationId = fixture().chat): Promise<LegacyMessage[]> {
      const res = await api().post<Envelope<LegacyMessage[]>>(
        '/getConversationMessages/',
        { conversation_id: conversationId },
        { token: caller.token },
      );
      if (res.status !== 200) throw new Error(`history failed: ${res.status}`);
      return res.body.data;
    },
    edit: (caller: TestUser, body: Record<string, unknown>) =>
      api().put<Envelope>('/updateMessage/', body, { token: caller.token }),
    remove: (caller: TestUser, body: Record<string, unknown>) =>
      api().post<Envelope>('/deleteMessage/', body, { token: caller.token }),
    messageCount: () => countRows(fixture().server.app.deps.db, 'messages'),
    /** Rows and files right now, to show that a refused request stored nothing at all. */
    async stored() {
      const db = fixture().server.app.deps.db;
      return {
        messages: await countRows(db, 'messages'),
        media: await countRows(db, 'media'),
        files: filesUnder(fixture().media.root),
      };
    },
    async download(path: string) {
      const response = await fetch(`${fixture().server.baseUrl}/media/${path}`);
      return { response, bytes: Buffer.from(await response.arrayBuffer()) };
    },
  };
}
