import {
  advanceMessageIds,
  atCommit,
  type CommitBatch,
  inPowerOfTwoChunks,
  listItem,
  preparedQuery,
} from '@chatapp/db';
import { moveMarkAtCommit } from '../conversations/marks-at-commit';
import type { JournalTicket } from '../events/journal';
import { recordMessageEventAtCommit } from '../events/message-events';
import { MESSAGE_STATUS, type MessageType } from '../model/message';

/** A new message as a send unit hands it to its batch. */
export interface NewMessage {
  conversationId: number;
  senderId: number;
  type: MessageType;
  body: string;
  mediaId: number | null;
  mediaUrl: string | null;
  clientMessageId: string | null;
  now: number;
}

/** A message's id and its `message.created` journal entry: both set while its batch commits. */
export interface MessageTicket {
  id: number;
  event: JournalTicket | null;
}

interface Pending {
  message: NewMessage;
  ticket: MessageTicket;
}

/**
 * Queues a message to be written with the other messages of its group-commit batch, at the batch's `messages` stage.
 * The whole batch then costs one id step, one update of its conversations and one insert per 64 messages, and the
 * senders' read marks with the batch's other marks (at the `marks` stage), instead of four statements per message:
 * on MariaDB each statement costs more of the server's CPU than the rows it writes. The ids come from the `messages`
 * sequence, whose row lock is held to the commit: ids become visible in commit order, so a reader paging "after id N" never misses a message
 * that commits later with a smaller id, and concurrent batches on MySQL write their rows one after another instead
 * of deadlocking. Units of a batch come in conversation order, and so do its ids.
 */
export function insertMessageAtCommit(batch: CommitBatch, message: NewMessage): MessageTicket {
  const ticket: MessageTicket = { id: 0, event: null };
  messagesAtCommit.add(batch, { message, ticket });
  return ticket;
}

/** The `messages` stage of a batch: every message it sends, written together. */
const messagesAtCommit = atCommit<Pending>('messages', async (trx, pending, batch) => {
  const last = await advanceMessageIds(trx, pending.length);
  const newestInConversation = new Map<number, Pending>();
  const newestOfSender = new Map<string, Pending>();
  for (const [index, item] of pending.entries()) {
    item.ticket.id = last - pending.length + 1 + index;
    newestInConversation.set(item.message.conversationId, item);
    newestOfSender.set(`${item.message.conversationId}:${item.message.senderId}`, item);
  }
  // Conversations first, in id order: the rows are then locked for writing before the inserts' foreign-key checks
  // read them (a shared lock that a later update would have to upgrade, the classic MySQL deadlock).
  const newest = [...newestInConversation.values()].sort(byConversation);
  for (const chunk of inPowerOfTwoChunks(newest)) {
    await bumpLastMessages.execute(trx, {
      conversationIds: chunk.map((item) => item.message.conversationId),
      messageIds: chunk.map((item) => item.ticket.id),
      times: chunk.map((item) => item.message.now),
    });
  }
  for (const chunk of inPowerOfTwoChunks(pending)) {
    await insertRows.execute(trx, {
      ids: chunk.map((item) => item.ticket.id),
      conversationIds: chunk.map((item) => item.message.conversationId),
      senderIds: chunk.map((item) => item.message.senderId),
      types: chunk.map((item) => item.message.type),
      bodies: chunk.map((item) => item.message.body),
      mediaIds: chunk.map((item) => item.message.mediaId),
      mediaUrls: chunk.map((item) => item.message.mediaUrl),
      clientMessageIds: chunk.map((item) => item.message.clientMessageId),
      times: chunk.map((item) => item.message.now),
    });
  }
  // Replying means the sender has seen the conversation up to here: their own read mark moves forward (told to
  // nobody: a sender's own message never counts as unread).
  for (const { message, ticket } of newestOfSender.values()) {
    moveMarkAtCommit(batch, {
      kind: 'read',
      conversationId: message.conversationId,
      userId: message.senderId,
      messageId: ticket.id,
      receipt: null,
      now: message.now,
    });
  }
  for (const { message, ticket } of pending) {
    ticket.event = recordMessageEventAtCommit(
      batch,
      'message.created',
      { id: ticket.id, conversationId: message.conversationId },
      message.now,
    );
  }
});

function byConversation(a: Pending, b: Pending): number {
  return a.message.conversationId - b.message.conversationId;
}

// Built and compiled once per shape (see preparedQuery): on the send path, building and compiling each query anew
// cost more CPU than SQLite spent running them.
const insertRows = preparedQuery(
  (
    db,
    p: {
      ids: number[];
      conversationIds: number[];
      senderIds: number[];
      types: MessageType[];
      bodies: string[];
      mediaIds: Array<number | null>;
      mediaUrls: Array<string | null>;
      clientMessageIds: Array<string | null>;
      times: number[];
    },
  ) =>
    db.insertInto('messages').values(
      p.ids.map((id, index) => ({
        id,
        conversation_id: listItem(p.conversationIds, index),
        sender_id: listItem(p.senderIds, index),
        type: listItem(p.types, index),
        body: listItem(p.bodies, index),
        media_id: listItem(p.mediaIds, index),
        media_url: listItem(p.mediaUrls, index),
        status: MESSAGE_STATUS.active,
        is_edited: 0,
        client_message_id: listItem(p.clientMessageIds, index),
        created_at: listItem(p.times, index),
        updated_at: listItem(p.times, index),
        deleted_at: null,
      })),
    ),
);

/**
 * Each conversation's last message and activity, for a chunk of conversations in one statement. No "only forward"
 * guard is needed: the ids come from the sequence, which is always above every stored message's id.
 */
const bumpLastMessages = preparedQuery(
  (db, p: { conversationIds: number[]; messageIds: number[]; times: number[] }) =>
    db
      .updateTable('conversations')
      .set((eb) => {
        // CASE id WHEN ? THEN ? … ELSE <the column> END, one branch per conversation of the chunk.
        const byConversation = (
          column: 'last_message_id' | 'last_activity_at' | 'updated_at',
          values: number[],
        ) =>
          p.conversationIds
            .slice(1)
            .reduce(
              (chain, id, index) => chain.when(id).then(listItem(values, index + 1)),
              eb.case('id').when(listItem(p.conversationIds, 0)).then(listItem(values, 0)),
            )
            .else(eb.ref(column))
            .end();
        return {
          last_message_id: byConversation('last_message_id', p.messageIds),
          // ELSE keeps a NOT NULL column's value: never null.
          last_activity_at: byConversation('last_activity_at', p.times).$notNull(),
          updated_at: byConversation('updated_at', p.times).$notNull(),
        };
      })
      .where('id', 'in', p.conversationIds),
);
