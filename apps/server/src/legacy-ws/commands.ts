import { legacyConversationList, legacyConversationPage } from '../legacy/routes/conversations';
import { mediaField } from '../legacy/routes/messages';
import type { LegacyConnection } from './connection';

/** A parsed client frame: a JSON object whose `type` names the command. */
export type CommandFrame = { type?: unknown } & Record<string, unknown>;
type Command = (connection: LegacyConnection, frame: CommandFrame) => Promise<void>;

/** A number or numeric string id (legacy clients send either); anything else is left for the procedure to refuse. */
function frameId(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/**
 * Client→server commands (contract §4.3), each a call of the same procedures the HTTP routes use, so membership,
 * validation and persistence rules are identical. Replies to list commands carry the frame's own `type`, which
 * lets the connection push the same lists as `conversation_update` / `user_list_update`.
 */
export const legacyCommands: Record<string, Command> = {
  async join_conversation(connection, frame) {
    // Joining only checks membership (S6): delivery already reaches every member's sockets.
    const conversation = await connection.caller.conversations.get({
      conversation_id: frameId(frame.conversation_id) as number,
    });
    connection.joined.add(conversation.id);
  },

  async leave_conversation(connection, frame) {
    connection.joined.delete(Number(frame.conversation_id));
  },

  async chat_message(connection, frame) {
    const type = typeof frame.msg_type === 'string' ? frame.msg_type.toLowerCase() : frame.msg_type;
    // The message reaches every member's sockets (the sender's included) through the hub: no direct reply.
    await connection.caller.messages.send({
      conversation_id: frameId(frame.conversation_id) as number,
      type: (type ?? 'text') as 'text',
      body: (frame.body ?? '') as string,
      // `media` is a data URL for image and audio; text frames send "" (legacy client), which means none.
      ...(mediaField(type, frame.media) as { media?: string }),
      ...(frame.client_message_id ? { client_message_id: frame.client_message_id as string } : {}),
    });
  },

  async fetch_all_users(connection, frame) {
    const users = await connection.caller.users.list();
    connection.send({
      type: String(frame.type),
      data: users.map((user) => ({ ...user, profile: user.profile || null })),
    });
  },

  async get_all_conversations(connection, frame) {
    // The same list as GET /getAllConversations/, with the socket's "+00:00" times.
    const list = await legacyConversationPage(connection.caller);
    connection.send({ type: String(frame.type), data: legacyConversationList(list, 'offset') });
  },

  /** Extension: "I am typing" (legacy clients never send it; newer ones may). */
  async typing(connection, frame) {
    await connection.caller.events.typing({ conversation_id: frameId(frame.conversation_id) as number });
  },

  /** Extension: delivery receipt (one-to-one chats are acked automatically). */
  async mark_delivered(connection, frame) {
    await connection.caller.events.delivered({
      conversation_id: frameId(frame.conversation_id) as number,
      message_id: frameId(frame.message_id) as number,
    });
  },

  /** Extension: read receipt up to a message. */
  async mark_read(connection, frame) {
    await connection.caller.conversations.markRead({
      conversation_id: frameId(frame.conversation_id) as number,
      message_id: frameId(frame.message_id) as number,
    });
  },
};
