import { type Database, isUniqueViolation } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { type Membership, requireMember } from '../conversations/access';
import type { DomainDeps } from '../deps';
import { conflict, invalid } from '../errors';
import { publishMessageEvent, publishMessageSnapshot } from '../events/message-events';
import { commitWithFiles } from '../media/files';
import { type PreparedMedia, prepareBase64Media } from '../media/prepare';
import { claimUpload, insertMediaRow } from '../media/rows';
import {
  MESSAGE_LIMITS,
  MESSAGE_STATUS,
  type MessageRow,
  type MessageType,
  type MessageView,
} from '../model/message';
import { loadMessageView, messageViewOf } from '../model/message-views';
import { requireCaption, requireTextBody } from './body';
import { insertMessageAtCommit } from './insert-at-commit';

/** Media for a message: base64 or a data URL (legacy clients), or the id of one's own unused upload (v1). */
export type MediaSource = { data: string } | { mediaId: number };

/**
 * What a message carries: a text body, or for image and audio, media plus an optional caption. Which combinations
 * are valid is decided here (text without media, image/audio with it), whatever the transport passed.
 */
export interface MessageContent {
  type: MessageType;
  body?: string | undefined;
  media?: MediaSource | undefined;
}

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

/** A message ready to insert; media is new media to store with it, or an upload to claim in its transaction. */
type StoredContent =
  | { type: 'text'; body: string; media: null }
  | { type: 'image' | 'audio'; body: string; media: { prepared: PreparedMedia } | { uploadId: number } };

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
  const membership = await requireMember(deps, input.conversationId, senderId);
  const clientMessageId = normalizeClientMessageId(input.clientMessageId);
  if (clientMessageId !== null) {
    const first = await findByClientId(deps.db, senderId, clientMessageId);
    if (first) return replay(deps, first, input.conversationId);
  }
  const content = await contentToStore(deps, input.content);
  try {
    const insert = () => insertMessage(deps, senderId, input.conversationId, content, clientMessageId);
    // New files are written before the row and removed again if it is not committed (no orphan either way).
    const inserted =
      content.media && 'prepared' in content.media
        ? await commitWithFiles(deps, content.media.prepared.files, insert)
        : await insert();
    const published = await publishNew(deps, membership, content, clientMessageId, inserted);
    return { message: published ?? (await requireView(deps, inserted.id)), created: true };
  } catch (error) {
    // Two concurrent retries: the unique (sender, client id) key lets one insert win; the other answers with it.
    if (clientMessageId === null || !isUniqueViolation(error)) throw error;
    const first = await findByClientId(deps.db, senderId, clientMessageId);
    if (!first) throw error;
    return replay(deps, first, input.conversationId);
  }
}

async function contentToStore(deps: DomainDeps, content: MessageContent): Promise<StoredContent> {
  if (content.type === 'text') {
    if (content.media) throw invalid('A text message cannot carry media');
    return { type: 'text', body: requireTextBody(content.body ?? ''), media: null };
  }
  if (!content.media) throw invalid(`An ${content.type} message needs media`);
  const body = requireCaption(content.body ?? '');
  if ('mediaId' in content.media)
    return { type: content.type, body, media: { uploadId: content.media.mediaId } };
  const prepared = await prepareBase64Media(deps.media.limits, content.media.data, content.type);
  return { type: content.type, body, media: { prepared } };
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

/** What insertMessage wrote: enough to publish the message without reading it back. */
interface InsertedMessage {
  id: number;
  eventId: number;
  now: number;
  media: { id: number; path: string } | null;
}

async function insertMessage(
  deps: DomainDeps,
  senderId: number,
  conversationId: number,
  content: StoredContent,
  clientMessageId: string | null,
): Promise<InsertedMessage> {
  const now = deps.now();
  // Sends arriving together share one commit (group commit), and their rows are written together at its end.
  const written = await deps.runtime.commits.run(async (trx, batch) => {
    const media =
      content.type === 'text'
        ? null
        : 'prepared' in content.media
          ? await insertMediaRow(trx, senderId, content.media.prepared, now, now)
          : await claimUpload(trx, senderId, content.media.uploadId, content.type, now);
    const ticket = insertMessageAtCommit(batch, {
      conversationId,
      senderId,
      type: content.type,
      body: content.body,
      mediaId: media?.id ?? null,
      mediaUrl: media?.path ?? null,
      clientMessageId,
      now,
    });
    return { ticket, media: media && { id: media.id, path: media.path } };
  }, conversationId);
  // The batch has committed: the message's id and its event's journal id are known now.
  const { ticket, media } = written;
  if (!ticket.event) throw new Error('A committed message has no journal entry');
  return { id: ticket.id, eventId: ticket.event.id, now, media };
}

/**
 * The new message as a read would return it: a text message is built from what was just written (its sender
 * and conversation come from the membership check), sparing a read of the row it inserted. Media messages are
 * read back, for the media's stored details.
 */
async function publishNew(
  deps: DomainDeps,
  membership: Membership,
  content: StoredContent,
  clientMessageId: string | null,
  inserted: InsertedMessage,
): Promise<MessageView | undefined> {
  if (content.type !== 'text') {
    return publishMessageEvent(deps, inserted.eventId, 'message.created', inserted.id);
  }
  const message = messageViewOf(
    {
      id: inserted.id,
      conversation_id: membership.conversation_id,
      sender_id: membership.user_id,
      type: content.type,
      body: content.body,
      media_url: null,
      status: MESSAGE_STATUS.active,
      is_edited: 0,
      client_message_id: clientMessageId,
      created_at: inserted.now,
      updated_at: inserted.now,
      deleted_at: null,
    },
    membership.member,
    null,
  );
  await publishMessageSnapshot(deps, inserted.eventId, 'message.created', {
    message,
    conversationTitle: membership.title,
    conversationIsGroup: membership.is_group,
  });
  return message;
}

async function requireView(deps: DomainDeps, messageId: number): Promise<MessageView> {
  const view = await loadMessageView(deps.db, messageId);
  if (!view) throw new Error(`Message ${messageId} vanished while being sent`);
  return view;
}
