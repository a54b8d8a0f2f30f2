import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps } from '../deps';
import { forbidden, invalid, notFound } from '../errors';
import { publishConversationEvent, recordConversationEvent } from '../events/conversation-events';
import { type Membership, requireMember } from './access';
import { getConversation } from './list';
import { memberRows } from './member-rows';
import { CONVERSATION_LIMITS, type ConversationView } from './types';
import { distinct, requireUsersExist } from './users';

const NOT_A_GROUP = 'Members can only be changed in group conversations';

export interface MembersAdded {
  conversation: ConversationView;
  /** The users that were not members yet (already-members are skipped, not an error). */
  added_user_ids: number[];
}

/** Any member of a group may add users to it. New members join at the end of the member order. */
export async function addMembers(
  deps: DomainDeps,
  actorId: number,
  conversationId: number,
  userIds: readonly number[],
): Promise<MembersAdded> {
  requireGroup(await requireMember(deps, conversationId, actorId));
  const wanted = distinct(userIds);
  await requireUsersExist(deps.db, wanted);

  const current = await deps.db
    .selectFrom('conversation_members')
    .select(['user_id', 'position'])
    .where('conversation_id', '=', conversationId)
    .execute();
  const present = new Set(current.map((row) => row.user_id));
  const toAdd = wanted.filter((id) => !present.has(id));
  if (current.length + toAdd.length > CONVERSATION_LIMITS.groupMembers) {
    throw invalid(`A group can have at most ${CONVERSATION_LIMITS.groupMembers} members`);
  }

  if (toAdd.length > 0) {
    const now = deps.now();
    const nextPosition = Math.max(-1, ...current.map((row) => row.position)) + 1;
    // A concurrent add of the same user is harmless: the primary key keeps one row and the other is ignored.
    const eventId = await deps.db.transaction().execute(async (trx) => {
      await touch(trx, conversationId, now);
      await trx
        .insertInto('conversation_members')
        .orIgnore()
        .values(memberRows(conversationId, toAdd, now, nextPosition))
        .execute();
      return recordConversationEvent(trx, conversationId, now);
    });
    await publishConversationEvent(deps, eventId, conversationId);
  }
  return { conversation: await getConversation(deps, actorId, conversationId), added_user_ids: toAdd };
}

export interface MemberRemoved {
  conversation_id: number;
  user_id: number;
  /** The conversation as the actor now sees it; null when the actor removed themself (left). */
  conversation: ConversationView | null;
}

/**
 * Removes a member from a group. Anyone may remove themself (leave); removing someone else is the group
 * creator's right, as there are no other roles. The removed user loses all access at once.
 */
export async function removeMember(
  deps: DomainDeps,
  actorId: number,
  conversationId: number,
  userId: number,
): Promise<MemberRemoved> {
  const membership = requireGroup(await requireMember(deps, conversationId, actorId));
  const leaving = userId === actorId;
  if (!leaving && membership.created_by !== actorId) {
    throw forbidden('Only the group creator can remove other members');
  }
  const now = deps.now();
  const eventId = await deps.db.transaction().execute(async (trx) => {
    await touch(trx, conversationId, now);
    const result = await trx
      .deleteFrom('conversation_members')
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return null;
    return recordConversationEvent(trx, conversationId, now);
  });
  if (eventId === null) throw notFound('User is not a member of this conversation');
  // The removed user is told too, so their clients drop the conversation.
  await publishConversationEvent(deps, eventId, conversationId, [userId]);
  return {
    conversation_id: conversationId,
    user_id: userId,
    conversation: leaving ? null : await getConversation(deps, actorId, conversationId),
  };
}

/** Leaves a group (the caller removes themself). */
export function leaveGroup(deps: DomainDeps, userId: number, conversationId: number): Promise<MemberRemoved> {
  return removeMember(deps, userId, conversationId, userId);
}

function requireGroup(membership: Membership): Membership {
  if (!membership.is_group) throw invalid(NOT_A_GROUP);
  return membership;
}

/**
 * A membership change bumps the conversation, then writes its members and is journaled, in one transaction. The
 * conversation row is locked first, as sends do (conversation, then members, then the journal: see CommitStage),
 * so a member leaving while sending cannot deadlock with the send.
 */
async function touch(trx: Kysely<Database>, conversationId: number, now: number): Promise<void> {
  await trx.updateTable('conversations').set({ updated_at: now }).where('id', '=', conversationId).execute();
}
