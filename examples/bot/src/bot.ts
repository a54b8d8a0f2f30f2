import { type ChatClient, createChatClient, type EventOf, listen, TRPCClientError } from '@chatapp/client';
import { WebSocket } from 'ws';
import { isAddressedTo, replyTo } from './reply';

export interface BotOptions {
  /** The server's origin, e.g. `http://127.0.0.1:8000`. */
  url: string;
  username: string;
  password: string;
  /** Resume after this event id (kept from a previous run) instead of hearing only what comes next. */
  lastEventId?: string;
  log?: (line: string) => void;
}

export interface Bot {
  /** The bot's own user id. */
  readonly userId: number;
  /** The last event id handled, to keep for the next run. */
  readonly lastEventId: string | undefined;
  /** Resolves once the server delivers events to the bot. */
  readonly listening: Promise<void>;
  stop(): void;
}

/**
 * Signs in, listens to its events and answers every message addressed to it: anything in a one-to-one chat, and
 * messages that mention `@<username>` in a group. It never answers its own messages (it hears them too).
 */
export async function startBot(options: BotOptions): Promise<Bot> {
  const log = options.log ?? (() => {});
  let token = await logIn(options);
  const client: ChatClient = createChatClient({ url: options.url, token: () => token, WebSocket });
  const me = await client.api.users.me.query();
  log(`signed in as ${me.username} (#${me.id})`);

  const answer = async (event: EventOf<'message.created'>) => {
    const { message } = event;
    if (message.sender_id === me.id || message.type !== 'text') return;
    const conversation = await client.api.conversations.get.query({
      conversation_id: message.conversation_id,
    });
    if (!isAddressedTo(message.body, me.username, !conversation.is_group)) return;
    const reply = replyTo(message.body, me.username);
    if (reply === null) return;
    await client.api.messages.send.mutate({ conversation_id: message.conversation_id, body: reply });
    log(`answered #${message.id} in conversation ${message.conversation_id}`);
  };

  let started: () => void = () => {};
  const listening = new Promise<void>((resolve) => {
    started = resolve;
  });
  const listener = listen(client, {
    ...(options.lastEventId ? { lastEventId: options.lastEventId } : {}),
    onStarted: () => started(),
    onEvent: (event) => {
      if (event.type !== 'message.created') return;
      answer(event).catch((error: unknown) => log(`could not answer: ${String(error)}`));
    },
    // Tokens expire (and can be revoked): log in again and carry on from the last event.
    onUnauthorized: async () => {
      token = await logIn(options);
      return true;
    },
    onError: (error) => log(`stopped listening: ${String(error)}`),
  });

  return {
    userId: me.id,
    get lastEventId() {
      return listener.lastEventId;
    },
    listening,
    stop() {
      listener.stop();
      client.close();
    },
  };
}

async function logIn(options: BotOptions): Promise<string> {
  const { api } = createChatClient({ url: options.url });
  try {
    return (await api.auth.logIn.mutate({ username: options.username, password: options.password })).token;
  } catch (error) {
    if (error instanceof TRPCClientError)
      throw new Error(`cannot sign in as ${options.username}: ${error.message}`);
    throw error;
  }
}
