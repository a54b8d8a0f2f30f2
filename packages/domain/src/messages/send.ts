import { type Database, insertedId, isUniqueViolation } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { requireMember } from '../conversations/access';
import type { DomainDeps } from '../deps';
import { conflict, invalid } from '../errors';
import { publishMessageEvent, recordMessageEvent } from '../realtime/publish';
import { requireTextBody } from './body';
import { loadMessageView } from './select';
import { MESSAGE_LIMITS, MESSAGE_STATUS, type MessageRow, type MessageType, type MessageView } from './types';

/**
 * What a message carries. Text for now: image and audio arrive with the media issue, which fills in their variant
 * (media plus an optional caption) and the storing step below; until then they are refused with a clear 400.
 */
export type MessageContent = { type: 'text'; body: string } | { type: 'image' | 'audio'; body?: string };

export interface SendMessageInput {
  conversationId: number;
  content: MessageContent;
  /** Client-chosen id: a retry with the same id returns the first message and stores nothing (no time window). */
  clientMessageId?: string | null | undefined;
}

export interface SentMessage {
  message: MessageView;
  /** False when this was a retry answered with the first message. */
  created: boolean;
}

interface StoredContent {
  type: MessageType;
  body: string;
  media_url: string | null;
}

/**
 * Sends a message as a member of the conversation (S4). The status is always "active" and the type one of the
 * known ones, whatever a client says (C12). The message and the conversation's last message/activity are written
 * in one transaction.
 */
export async function sendMessage(
  deps: DomainDeps,
  senderId: number,
  input: SendMessageInput,
): Promise<SentMessage> {
  await requireMember(deps.db, input.conversationId, senderId);
  const clientMessageId = normalizeClientMessageId(input.clientMessageId);
  if (clientMessageId !== null) {
    const first = await findByClientId(deps.db, senderId, clientMessageId);
    if (first) return replay(deps, first, input.conversationId);
  }
  const content = contentToStore(input.content);
  try {
    const { id, eventId } = await insertMessage(
      deps,
      senderId,
      input.conversationId,
      content,
      clientMessageId,
    );
    await publishMessageEvent(deps, eventId, 'message.created', id);
    return { message: await requireView(deps, id), created: true };
  } catch (error) {
    // Two concurrent retries: the unique (sender, client id) key lets one insert win; the other answers with it.
    if (clientMessageId === null || !isUniqueViolation(error)) throw error;
    const first = await findByClientId(deps.db, senderId, clientMessageId);
    if (!first) throw error;
    return replay(deps, first, input.conversationId);
  }
}

function contentToStore(content: MessageContent): StoredContent {
  if (content.type !== 'text') throw invalid('image and audio messages are not supported yet');
  return { type: 'text', body: requireTextBody(content.body), media_url: null };
}

function normalizeClientMessageId(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (value.length > MESSAGE_LIMITS.clientMessageId) {
    throw invalid(`client_message_id must be at most ${MESSAGE_LIMITS.clientMessageId} characters long`);
  }
  return value;
}

function findByClientId(db: Kysely<Database>, senderId: number, clientMessageId: string) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('sender_id', '=', senderId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}

async function replay(deps: DomainDeps, first: MessageRow, conversationId: number): Promise<SentMessage> {
  if (first.conversation_id !== conversationId) {
    throw conflict('client_message_id was already used for a message in another conversation');
  }
  return { message: await requireView(deps, first.id), created: false };
}

async function insertMessage(
  deps: DomainDeps,
  senderId: number,
  conversationId: number,
  content: StoredContent,
  clientMessageId: string | null,
): Promise<{ id: number; eventId: number }> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // Lock the conversation row before inserting: concurrent senders queue here instead of deadlocking, as each
    // insert's foreign-key check would otherwise hold a shared lock on this row that the update below must upgrade.
    await trx
      .updateTable('conversations')
      .set({ updated_at: now })
      .where('id', '=', conversationId)
      .execute();
    const result = await trx
      .insertInto('messages')
      .values({
        conversation_id: conversationId,
        sender_id: senderId,
        type: content.type,
        body: content.body,
        media_id: null,
        media_url: content.media_url,
        status: MESSAGE_STATUS.active,
        is_edited: 0,
        client_message_id: clientMessageId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .executeTakeFirstOrThrow();
    const id = insertedId(result);
    await trx
      .updateTable('conversations')
      .set({ last_message_id: id, last_activity_at: now })
      .where('id', '=', conversationId)
      .where((eb) => eb.or([eb('last_message_id', 'is', null), eb('last_message_id', '<', id)]))
      .execute();
    // Replying means the sender has seen the conversation up to here: their own read mark moves forward.
    await trx
      .updateTable('conversation_members')
      .set({ last_read_message_id: id })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', senderId)
      .where((eb) => eb.or([eb('last_read_message_id', 'is', null), eb('last_read_message_id', '<', id)]))
      .execute();
    const eventId = await recordMessageEvent(trx, 'message.created', { id, conversationId }, now);
    return { id, eventId };
  });
}

async function requireView(deps: DomainDeps, messageId: number): Promise<MessageView> {
  const view = await loadMessageView(deps.db, messageId);
  if (!view) throw new Error(`Message ${messageId} vanished while being sent`);
  return view;
}
