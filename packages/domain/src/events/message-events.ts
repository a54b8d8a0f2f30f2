import type { CommitBatch, Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps } from '../deps';
import type { MessageView } from '../model/message';
import { membersOf } from './audience';
import { appendAtCommit, appendToJournal, type JournalEntry, type JournalTicket } from './journal';
import { loadMessageSnapshots } from './snapshots';
import type { MessageSnapshot } from './types';

/**
 * A message's events. Durable changes are recorded in the journal inside the service's transaction (`record…`),
 * then published after commit (`publish…`) with that journal id, once, to the conversation's members.
 */
type MessageEventType = 'message.created' | 'message.edited' | 'message.deleted';

function messageJournalEntry(
  type: MessageEventType,
  message: { id: number; conversationId: number },
): JournalEntry {
  return {
    kind: type,
    conversationId: message.conversationId,
    userId: null,
    payload: { messageId: message.id },
  };
}

export function recordMessageEvent(
  trx: Kysely<Database>,
  type: MessageEventType,
  message: { id: number; conversationId: number },
  now: number,
) {
  return appendToJournal(trx, messageJournalEntry(type, message), now);
}

/** The same, inside a group-commit unit: the id is taken with the batch's others, just before its commit. */
export function recordMessageEventAtCommit(
  batch: CommitBatch,
  type: MessageEventType,
  message: { id: number; conversationId: number },
  now: number,
): JournalTicket {
  return appendAtCommit(batch, messageJournalEntry(type, message), now);
}

/** Publishes a message change; returns the message as published (callers answer with it: no second read). */
export async function publishMessageEvent(
  deps: DomainDeps,
  eventId: number,
  type: MessageEventType,
  messageId: number,
): Promise<MessageView | undefined> {
  const snapshot = (await loadMessageSnapshots(deps.db, [messageId])).get(messageId);
  if (!snapshot) return undefined;
  await publishMessageSnapshot(deps, eventId, type, snapshot);
  return snapshot.message;
}

/**
 * Publishes a message change whose current state the caller already holds (a send knows what it just wrote).
 * A group's recipients are read after commit, so a member removed before this message committed never receives it.
 */
export async function publishMessageSnapshot(
  deps: DomainDeps,
  eventId: number,
  type: MessageEventType,
  snapshot: MessageSnapshot,
): Promise<void> {
  const conversationId = snapshot.message.conversation_id;
  const recipients = snapshot.conversationIsGroup
    ? await membersOf(deps.db, conversationId)
    : await deps.runtime.directMembers.of(conversationId);
  await deps.runtime.hub.publish({ id: eventId, recipients, event: { type, ...snapshot } });
}
