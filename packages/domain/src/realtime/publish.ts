import type { CommitBatch, Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps, RuntimeWorker } from '../deps';
import { notFound } from '../errors';
import type { MessageView } from '../messages/types';
import { contactsOf, membersOf } from './audience';
import type { MessageSnapshot, RealtimeEvent, Receipt } from './events';
import { appendAtCommit, appendToJournal, type JournalEntry, type JournalTicket } from './journal';
import type { PresenceHold } from './presence-holds';
import { loadMessageSnapshots } from './snapshots';

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

/**
 * Domain services call these. Durable changes are recorded in the journal inside the service's transaction
 * (`record…`), then published after commit (`publish…`) with that journal id, once, to the members.
 */
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

export function recordConversationEvent(trx: Kysely<Database>, conversationId: number, now: number) {
  return appendToJournal(
    trx,
    { kind: 'conversation.changed', conversationId, userId: null, payload: { conversationId } },
    now,
  );
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

export async function publishConversationEvent(
  deps: DomainDeps,
  eventId: number,
  conversationId: number,
  alsoNotify: readonly number[] = [],
): Promise<void> {
  const memberIds = await membersOf(deps.db, conversationId);
  // Members who just left are told too, so their clients drop the conversation.
  const recipients = [...new Set([...memberIds, ...alsoNotify])];
  await deps.runtime.hub.publish({
    id: eventId,
    recipients,
    event: { type: 'conversation.changed', conversationId, memberIds },
  });
}

/**
 * Receipts. A read mark reaches every member (each member's client shows who has read what). A delivery ack
 * reaches only the message's sender (and the acking user's own devices): in a large group, telling every member
 * about every member's device would multiply each message by the group's size squared. Both are journaled, so an
 * offline recipient learns them on resume.
 */
export function receiptJournalEntry(receipt: Receipt): JournalEntry {
  const payload = receiptPayload(receipt);
  return receipt.kind === 'delivered'
    ? { kind: 'receipt', conversationId: null, userId: receipt.senderId, payload }
    : { kind: 'receipt', conversationId: receipt.conversationId, userId: null, payload };
}

/** Publishes receipts recorded with their journal ids, in id order. */
export async function publishReceipts(
  deps: DomainDeps,
  recorded: ReadonlyArray<{ receipt: Receipt; eventId: number }>,
): Promise<void> {
  const membersByConversation = new Map<number, number[]>();
  for (const { receipt, eventId } of recorded) {
    let recipients: number[];
    if (receipt.kind === 'delivered') recipients = [receipt.senderId, receipt.userId];
    else {
      recipients =
        membersByConversation.get(receipt.conversationId) ??
        (await membersOf(deps.db, receipt.conversationId));
      membersByConversation.set(receipt.conversationId, recipients);
    }
    await deps.runtime.hub.publish({
      id: eventId,
      recipients,
      event: { type: 'receipt', ...receiptPayload(receipt) },
    });
  }
}

function receiptPayload(receipt: Receipt) {
  return {
    conversationId: receipt.conversationId,
    userId: receipt.userId,
    messageId: receipt.messageId,
    receipt: receipt.kind,
  };
}

/** How long a typing signal shows before it expires on its own, unless renewed. */
export const TYPING_TTL_MS = 5_000;

/** Typing is ephemeral: not journaled, shown until `expiresAt` unless renewed. Members only. */
export async function publishTyping(
  deps: DomainDeps,
  userId: number,
  conversationId: number,
): Promise<number> {
  const members = await membersOf(deps.db, conversationId);
  if (!members.includes(userId)) throw notFound('Conversation not found');
  const expiresAt = deps.now() + TYPING_TTL_MS;
  await deps.runtime.hub.publish({
    id: null,
    recipients: members,
    event: { type: 'typing', conversationId, userId, expiresAt },
  });
  return expiresAt;
}

/** A socket opened: publishes "online" to the user's contacts (and own devices) if this was the first. */
export async function userConnected(deps: DomainDeps, userId: number): Promise<void> {
  if (await deps.runtime.presence.connect(userId)) await publishPresence(deps, userId, true);
}

export async function userDisconnected(deps: DomainDeps, userId: number): Promise<void> {
  if (await deps.runtime.presence.disconnect(userId)) await wentOffline(deps, userId);
}

/**
 * Counts a connection (a socket, or an event stream) towards its user's presence: online from now until the hold
 * is released. The runtime keeps the holds, so shutdown releases those still open.
 */
export function holdPresence(deps: DomainDeps, userId: number): PresenceHold {
  return deps.runtime.presenceHolds.take(
    () => userConnected(deps, userId),
    () => userDisconnected(deps, userId),
  );
}

/** Reports users whose process died (heartbeats expired) as offline. */
export async function sweepPresence(deps: DomainDeps): Promise<void> {
  for (const userId of await deps.runtime.presence.sweep()) await wentOffline(deps, userId);
}

/**
 * The runtime worker that sweeps presence every `everyMs` (only meaningful across processes: in-process presence
 * has nothing to sweep).
 */
export function presenceSweeper(everyMs: number): RuntimeWorker {
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'presence sweeper',
    start(deps) {
      timer = setInterval(() => {
        sweepPresence(deps).catch((error: unknown) => console.error('presence sweep failed', error));
      }, everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}

/**
 * The one place a user goes offline: records `last_seen_at`, then tells their contacts (with that time). A failed
 * write is logged and the flip still published: contacts must not see a gone user online.
 */
async function wentOffline(deps: DomainDeps, userId: number): Promise<void> {
  const lastSeenAt = deps.now();
  try {
    await deps.db.updateTable('users').set({ last_seen_at: lastSeenAt }).where('id', '=', userId).execute();
  } catch (error) {
    console.error('last seen time not recorded', error);
  }
  await publishPresence(deps, userId, false, lastSeenAt);
}

async function publishPresence(
  deps: DomainDeps,
  userId: number,
  online: boolean,
  lastSeenAt?: number,
): Promise<void> {
  const recipients = [userId, ...(await contactsOf(deps.db, userId))];
  const event: RealtimeEvent =
    lastSeenAt === undefined
      ? { type: 'presence', userId, online }
      : { type: 'presence', userId, online, lastSeenAt };
  await deps.runtime.hub.publish({ id: null, recipients, event });
}

/** Online users among `userId`'s contacts, the user included when online: the legacy `connected_users` list. */
export async function onlineContacts(deps: DomainDeps, userId: number): Promise<number[]> {
  const contacts = await contactsOf(deps.db, userId);
  const online = await deps.runtime.presence.onlineAmong([userId, ...contacts]);
  return [userId, ...contacts].filter((id) => online.has(id));
}

export async function publishUserCreated(deps: DomainDeps, userId: number): Promise<void> {
  await deps.runtime.hub.publish({
    id: null,
    recipients: [],
    broadcast: true,
    event: { type: 'user.created', userId },
  });
}
