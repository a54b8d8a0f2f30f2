import type { LegacyCaller } from '../legacy/caller';
import { legacyConversationList, legacyConversationPage } from '../legacy/conversation-list';
import { mediaField } from '../legacy/fields';

/** A parsed client frame: a JSON object whose `type` names the command. */
export type CommandFrame = { type?: unknown } & Record<string, unknown>;

/** What a command needs of its socket (a LegacyConnection). */
export interface CommandClient {
  /** The router as the socket's user. */
  readonly caller: LegacyCaller;
  /** Conversations the socket joined (legacy clients track it; delivery does not depend on it). */
  readonly joined: Set<number>;
  send(frame: unknown): void;
}

type Command = (client: CommandClient, frame: CommandFrame) => Promise<void>;

/** A number or numeric string id (legacy clients send either); anything else is left for the procedure to refuse. */
function frameId(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/**
 * Client→server commands (contract §4.3), each a call of the same procedures the HTTP routes use, so membership,
 * validation and persistence rules are identical. Replies to list commands carry the frame's own `type`, which
 * lets the connection push the same conversation list as `conversation_update`.
 */
export const legacyCommands: Record<string, Command> = {
  async join_conversation(client, frame) {
    // Joining only checks membership (S6): delivery already reaches every member's sockets.
    const conversation = await client.caller.conversations.get({
      conversation_id: frameId(frame.conversation_id),
    });
    client.joined.add(conversation.id);
  },

  async leave_conversation(client, frame) {
    client.joined.delete(Number(frame.conversation_id));
  },

  async chat_message(client, frame) {
    const type = typeof frame.msg_type === 'string' ? frame.msg_type.toLowerCase() : frame.msg_type;
    // The message reaches every member's sockets (the sender's included) through the hub: no direct reply.
    await client.caller.messages.send({
      conversation_id: frameId(frame.conversation_id),
      type: type ?? 'text',
      body: frame.body ?? '',
      // `media` is a data URL for image and audio; text frames send "" (legacy client), which means none.
      ...mediaField(type, frame.media),
      ...(frame.client_message_id ? { client_message_id: frame.client_message_id } : {}),
    });
  },

  async fetch_all_users(client, frame) {
    const users = await client.caller.users.list();
    client.send({
      type: String(frame.type),
      data: users.map((user) => ({ ...user, profile: user.profile || null })),
    });
  },

  async get_all_conversations(client, frame) {
    // The same list as GET /getAllConversations/, with the socket's "+00:00" times.
    const list = await legacyConversationPage(client.caller);
    client.send({ type: String(frame.type), data: legacyConversationList(list, 'offset') });
  },

  /** Extension: "I am typing" (legacy clients never send it; newer ones may). */
  async typing(client, frame) {
    await client.caller.events.typing({ conversation_id: frameId(frame.conversation_id) });
  },

  /** Extension: delivery receipt (one-to-one chats are acked automatically). */
  async mark_delivered(client, frame) {
    await client.caller.events.delivered({
      conversation_id: frameId(frame.conversation_id),
      message_id: frameId(frame.message_id),
    });
  },

  /** Extension: read receipt up to a message. */
  async mark_read(client, frame) {
    await client.caller.conversations.markRead({
      conversation_id: frameId(frame.conversation_id),
      message_id: frameId(frame.message_id),
    });
  },
};
