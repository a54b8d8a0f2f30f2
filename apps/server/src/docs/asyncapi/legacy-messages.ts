import {
  chatMessageCommand,
  chatMessageFrame,
  connectedUsersFrame,
  conversationListFrame,
  errorFrameSchema,
  fetchAllUsersCommand,
  getAllConversationsCommand,
  joinConversationFrame,
  leaveConversationFrame,
  markDeliveredCommand,
  markReadCommand,
  receiptFrame,
  typingCommand,
  typingFrame,
  userListFrame,
} from '../../legacy-ws/frame-schemas';
import { type DocumentedMessage, documented } from './message';

const chatMessageExample = {
  id: 8,
  type: 'text',
  body: 'hi bob',
  is_edited: false,
  title: 'New Chat',
  status: 'active',
  media_url: null,
  conversation_id: 1,
  sender_id: 1,
  sender_username: 'alicia',
  sender_first_name: 'Alicia',
  sender_last_name: "O'Neil",
  sender_profile: 'profiles/user_1_profile_1795518567.jpg',
  created_at: '2026-11-24T11:10:55.407835+00:00',
  updated_at: '2026-11-24T11:10:55.407835+00:00',
  event: 'message_created',
};

/** What a legacy client sends on `/ws/global/` (contract §4.3, plus three extensions). */
export const legacyCommandMessages: DocumentedMessage[] = [
  documented({
    name: 'legacyJoinConversation',
    title: 'join_conversation',
    summary: 'Join a conversation (checks membership; delivery does not depend on it)',
    description:
      'Kept for legacy clients: every member already receives every message of their conversations. A conversation you are not a member of answers an error frame.',
    schema: joinConversationFrame,
    io: 'input',
    example: { type: 'join_conversation', conversation_id: 1 },
  }),
  documented({
    name: 'legacyLeaveConversation',
    title: 'leave_conversation',
    summary: 'Leave a conversation (no effect on delivery)',
    description: 'Accepted and ignored as far as delivery goes; no reply.',
    schema: leaveConversationFrame,
    io: 'input',
    example: { type: 'leave_conversation', conversation_id: 1 },
  }),
  documented({
    name: 'legacyChatMessage',
    title: 'chat_message',
    summary: 'Send a message',
    description:
      'Stores the message (the same rules as `POST /sendMessage/`) and delivers it to every member, the sender included, as a chat message frame. A refusal answers an error frame.',
    schema: chatMessageCommand,
    io: 'input',
    example: { type: 'chat_message', conversation_id: 1, body: 'hi bob', msg_type: 'text', media: '' },
  }),
  documented({
    name: 'legacyFetchAllUsers',
    title: 'fetch_all_users',
    summary: 'Ask for the user list',
    description: 'Answered with a `fetch_all_users` list frame.',
    schema: fetchAllUsersCommand,
    io: 'input',
    example: { type: 'fetch_all_users' },
  }),
  documented({
    name: 'legacyGetAllConversations',
    title: 'get_all_conversations',
    summary: 'Ask for the conversation list',
    description: 'Answered with a `get_all_conversations` list frame (times in the "+00:00" format).',
    schema: getAllConversationsCommand,
    io: 'input',
    example: { type: 'get_all_conversations' },
  }),
  documented({
    name: 'legacyTyping',
    title: 'typing (extension)',
    summary: 'Say that you are typing',
    description: 'The other members receive a typing frame. Legacy clients never send it.',
    schema: typingCommand,
    io: 'input',
    example: { type: 'typing', conversation_id: 1 },
  }),
  documented({
    name: 'legacyMarkDelivered',
    title: 'mark_delivered (extension)',
    summary: 'Acknowledge delivery of a group message',
    description:
      'One-to-one messages are acknowledged by the server itself. The sender receives a receipt frame.',
    schema: markDeliveredCommand,
    io: 'input',
    example: { type: 'mark_delivered', conversation_id: 3, message_id: 41 },
  }),
  documented({
    name: 'legacyMarkRead',
    title: 'mark_read (extension)',
    summary: 'Mark a conversation read up to a message',
    description: 'The other members receive a `read` receipt frame.',
    schema: markReadCommand,
    io: 'input',
    example: { type: 'mark_read', conversation_id: 1, message_id: 8 },
  }),
];

/** What the server sends on `/ws/global/` (contract §4.4, plus additions legacy clients ignore). */
export const legacyFrameMessages: DocumentedMessage[] = [
  documented({
    name: 'legacyChatMessageFrame',
    title: 'Chat message',
    summary: 'A message was created, edited or deleted',
    description:
      'The bare message object, with no envelope: its `type` is the message type. Sent to every socket of every member, the sender included. `event` tells a creation from an edit or a deletion (a deleted message has `status: "delete"` and an empty body).',
    schema: chatMessageFrame,
    io: 'output',
    example: chatMessageExample,
  }),
  documented({
    name: 'legacyConnectedUsers',
    title: 'connected_users',
    summary: 'Who is online',
    description: 'The full list of online contacts, sent on connect and whenever it changes.',
    schema: connectedUsersFrame,
    io: 'output',
    example: { type: 'connected_users', users: [1, 2, 4] },
  }),
  documented({
    name: 'legacyUserList',
    title: 'fetch_all_users',
    summary: 'The complete user list (you excluded)',
    description:
      'The reply to `fetch_all_users`. Never pushed (as with Django): a sign-up is not announced to every socket, so ask again after reconnecting to see who joined since.',
    schema: userListFrame,
    io: 'output',
    example: {
      type: 'fetch_all_users',
      data: [
        { id: 2, username: 'bob', first_name: 'Bob', last_name: '', profile: null, email: 'bob@example.com' },
      ],
    },
  }),
  documented({
    name: 'legacyConversationList',
    title: 'get_all_conversations / conversation_update',
    summary: 'The complete conversation list',
    description:
      'The reply to `get_all_conversations`, and pushed as `conversation_update` when a conversation is created or its members change. Replaces the list.',
    schema: conversationListFrame,
    io: 'output',
    example: {
      type: 'conversation_update',
      data: [
        {
          conversation_user_ids: '1,2,',
          conversation_id: 1,
          is_group: false,
          title: 'New Chat',
          latest_message_id: 8,
          latest_message_body: 'hi bob',
          latest_message_time: '2026-11-24T11:10:55.407835+00:00',
          created_at: '2026-11-24T11:09:27.053000+00:00',
          unread_count: 0,
          participants: [
            {
              user_id: 2,
              username: 'bob',
              profile: null,
              first_name: 'Bob',
              last_name: '',
              email: 'bob@example.com',
            },
          ],
        },
      ],
    },
  }),
  documented({
    name: 'legacyTypingFrame',
    title: 'typing (addition)',
    summary: 'Another member is typing',
    description: 'Until `expires_at`, unless another typing frame extends it. Legacy clients ignore it.',
    schema: typingFrame,
    io: 'output',
    example: {
      type: 'typing',
      conversation_id: 1,
      user_id: 2,
      expires_at: '2026-11-24T11:11:00.000000+00:00',
    },
  }),
  documented({
    name: 'legacyReceiptFrame',
    title: 'receipt (addition)',
    summary: 'A member received or read messages',
    description: 'Up to and including `message_id`. Legacy clients ignore it.',
    schema: receiptFrame,
    io: 'output',
    example: { type: 'receipt', receipt: 'read', conversation_id: 1, user_id: 2, message_id: 8 },
  }),
  documented({
    name: 'legacyError',
    title: 'Error',
    summary: 'A command failed; the socket stays open',
    description:
      'Answers a refused command, invalid JSON, a binary frame or too many frames; a rate limit adds `retry_after`.',
    schema: errorFrameSchema,
    io: 'output',
    example: { error: 'Conversation not found' },
  }),
];
