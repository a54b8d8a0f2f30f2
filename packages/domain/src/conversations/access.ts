import { type DomainDeps, runtimeOf } from '../deps';
import { notFound } from '../errors';
import type { SenderSummary } from '../model/message';
import { membershipsQuery } from './membership-reads';
import { CONVERSATION_NOT_FOUND } from './types';

export interface Membership {
  conversation_id: number;
  user_id: number;
  is_group: boolean;
  created_by: number | null;
  last_read_message_id: number | null;
  title: string;
  /** The member as messages show their sender: a send publishes its message without reading it back. */
  member: SenderSummary;
}

/**
 * The one membership check: a row in `conversation_members`, never a match on an id string (S9, S10). A
 * conversation the user is not in answers exactly like one that does not exist. Checks of one event-loop turn are
 * read together (the runtime's MembershipReads).
 */
export async function requireMember(
  deps: DomainDeps,
  conversationId: number,
  userId: number,
): Promise<Membership> {
  const row = await readMembership(deps, conversationId, userId);
  if (!row) throw notFound(CONVERSATION_NOT_FOUND);
  return {
    conversation_id: row.conversation_id,
    user_id: row.user_id,
    is_group: row.is_group === 1,
    created_by: row.created_by,
    last_read_message_id: row.last_read_message_id,
    title: row.title,
    member: {
      id: row.user_id,
      username: row.username,
      first_name: row.first_name,
      last_name: row.last_name,
      profile: row.profile,
    },
  };
}

function readMembership(deps: DomainDeps, conversationId: number, userId: number) {
  const runtime = runtimeOf(deps);
  if (runtime) return runtime.memberships.load(conversationId, userId);
  return membershipsQuery.first(deps.db, { conversationIds: [conversationId], userIds: [userId] });
}
