import { type Database, insertedId, isUniqueViolation } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { DomainDeps } from '../deps';
import { invalid } from '../errors';
import { publishConversationEvent, recordConversationEvent } from '../events/conversation-events';
import { getConversation } from './list';
import { memberRows } from './member-rows';
import { normalizeTitle } from './title';
import type { ConversationView } from './types';
import { requireUsersExist } from './users';

export interface OpenedConversation {
  conversation: ConversationView;
  /** False when the pair already had its conversation (legacy 200 "Conversation already exists"). */
  created: boolean;
}

/** The unique key of a pair's one-to-one conversation, the same whichever of the two asks. */
export function directKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/**
 * Gets or creates the one-to-one conversation of the caller and another user. Exactly one exists per pair even
 * under concurrent calls: the insert is guarded by the unique `direct_key`, and a loser of the race reads the
 * winner's row (R1). Self-chats and unknown users are refused before anything is written (C4, C7).
 * `title` is stored only when the conversation is created.
 */
export async function openDirect(
  deps: DomainDeps,
  callerId: number,
  otherUserId: number,
  title?: string,
): Promise<OpenedConversation> {
  if (otherUserId === callerId) throw invalid('You cannot start a conversation with yourself');
  const storedTitle = normalizeTitle(title);
  await requireUsersExist(deps.db, [otherUserId]);
  const key = directKey(callerId, otherUserId);

  // The common case (it exists) costs one read and burns no auto-increment id.
  const existing = await findDirect(deps.db, key);
  if (existing !== undefined)
    return { conversation: await getConversation(deps, callerId, existing), created: false };

  try {
    const { id, eventId } = await insertDirect(deps, key, callerId, otherUserId, storedTitle);
    await publishConversationEvent(deps, eventId, id);
    return { conversation: await getConversation(deps, callerId, id), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findDirect(deps.db, key);
    if (winner === undefined) throw error;
    return { conversation: await getConversation(deps, callerId, winner), created: false };
  }
}

async function findDirect(db: Kysely<Database>, key: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('conversations')
    .select('id')
    .where('direct_key', '=', key)
    .executeTakeFirst();
  return row?.id;
}

async function insertDirect(
  deps: DomainDeps,
  key: string,
  callerId: number,
  otherUserId: number,
  title: string,
): Promise<{ id: number; eventId: number }> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .insertInto('conversations')
      .values({
        title,
        is_group: 0,
        created_by: callerId,
        direct_key: key,
        last_message_id: null,
        last_activity_at: now,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    const id = insertedId(result);
    // Caller first, as the legacy `user_ids` string had it ("1,2,").
    await trx
      .insertInto('conversation_members')
      .values(memberRows(id, [callerId, otherUserId], now))
      .execute();
    return { id, eventId: await recordConversationEvent(trx, id, now) };
  });
}
