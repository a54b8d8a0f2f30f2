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
