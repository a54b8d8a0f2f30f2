import { insertedId } from '@chatapp/db';
import type { DomainDeps } from '../deps';
import { invalid } from '../errors';
import { publishConversationEvent, recordConversationEvent } from '../events/conversation-events';
import { getConversation } from './list';
import { memberRows } from './member-rows';
import { normalizeTitle } from './title';
import { CONVERSATION_LIMITS, type ConversationView } from './types';
import { distinct, requireUsersExist } from './users';

export interface NewGroup {
  title?: string | undefined;
  userIds: readonly number[];
}

/**
 * Creates a group of the given users and the creator. Ids are deduplicated and must all exist; nothing is written
 * otherwise (C6). Members keep the given order, the creator appended when absent (legacy `"2,3,1,"`).
 */
export async function createGroup(
  deps: DomainDeps,
  creatorId: number,
  group: NewGroup,
): Promise<ConversationView> {
  const title = normalizeTitle(group.title);
  const memberIds = distinct([...group.userIds, creatorId]);
  if (memberIds.length < 2) throw invalid('No users selected');
  if (memberIds.length > CONVERSATION_LIMITS.groupMembers) {
    throw invalid(`A group can have at most ${CONVERSATION_LIMITS.groupMembers} members`);
  }
  await requireUsersExist(
    deps.db,
    memberIds.filter((id) => id !== creatorId),
  );

  const now = deps.now();
  const { id, eventId } = await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .insertInto('conversations')
      .values({
        title,
        is_group: 1,
        created_by: creatorId,
        direct_key: null,
        last_message_id: null,
        last_activity_at: now,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    const conversationId = insertedId(result);
    await trx
      .insertInto('conversation_members')
      .values(memberRows(conversationId, memberIds, now))
      .execute();
    return { id: conversationId, eventId: await recordConversationEvent(trx, conversationId, now) };
  });
  await publishConversationEvent(deps, eventId, id);
  return getConversation(deps, creatorId, id);
}
