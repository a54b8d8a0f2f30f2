import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps } from '../deps';
import { membersOf } from './audience';
import { appendToJournal } from './journal';

/** A conversation appeared, or its members or title changed: recorded in the change's transaction. */
export function recordConversationEvent(trx: Kysely<Database>, conversationId: number, now: number) {
  return appendToJournal(
    trx,
    { kind: 'conversation.changed', conversationId, userId: null, payload: { conversationId } },
    now,
  );
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
 * One member's own setting of a conversation changed (mute): a `conversation.changed` for that member alone, so
 * their other devices read it again and the other members hear nothing. Recorded user-scoped in the change's
 * transaction, so a replay reaches that member only too.
 */
export function recordMemberSettingEvent(
  trx: Kysely<Database>,
  userId: number,
  conversationId: number,
  now: number,
) {
  return appendToJournal(
    trx,
    { kind: 'conversation.changed', conversationId: null, userId, payload: { conversationId } },
    now,
  );
}

export async function publishMemberSettingEvent(
  deps: DomainDeps,
  eventId: number,
  userId: number,
  conversationId: number,
): Promise<void> {
  const memberIds = await membersOf(deps.db, conversationId);
  await deps.runtime.hub.publish({
    id: eventId,
    recipients: [userId],
    event: { type: 'conversation.changed', conversationId, memberIds },
  });
}
