import type { DomainDeps } from '../deps';
import { notFound } from '../errors';
import { membersOf } from './audience';

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
