import type { Database } from '@chatapp/db';
import type { Insertable, Kysely } from 'kysely';
import { randomInt, seededRandom, shuffle } from './random';
import { insertRows, member, nextId, type SeededUser, seedUsers } from './seed';

/** The shape of the HTTP scenario's data set (issue 7: 1,000 users, 10,000 conversations, 1,000,000 messages). */
export interface HistoryShape {
  users: number;
  conversations: number;
  messages: number;
  /** Share of conversations that are groups (the rest are one-to-one). */
  groupShare: number;
  groupSize: number;
}

export interface SeededHistory {
  users: SeededUser[];
  /** For each user (by index in `users`), the conversations it belongs to. */
  conversationsOf: Map<number, number[]>;
  counts: { users: number; conversations: number; members: number; messages: number };
}

const WORDS =
  'hey hello ok sure thanks see you tomorrow meeting lunch later call me when free the plan works for me sounds good'.split(
    ' ',
  );

/**
 * Seeds a realistic history: one-to-one chats between random pairs plus small groups; messages interleaved across
 * conversations in time (as real traffic is, so no conversation's rows sit together on disk), each from a random
 * member; every member has read all but the last few messages (so unread counts are small but non-zero).
 */
export async function seedHistory(db: Kysely<Database>, shape: HistoryShape): Promise<SeededHistory> {
  const random = seededRandom(7);
  const start = Date.now() - shape.messages * 1_000;
  const users = await seedUsers(db, shape.users, start);
  const userIds = users.map((u) => u.id);

  // Conversations and their members, decided up front (ids are explicit).
  const firstConversation = await nextId(db, 'conversations');
  const firstMessage = await nextId(db, 'messages');
  const members: number[][] = [];
  const usedPairs = new Set<string>();
  const groups = Math.round(shape.conversations * shape.groupShare);
  while (members.length < shape.conversations - groups) {
    const a = userIds[randomInt(random, userIds.length)] as number;
    const b = userIds[randomInt(random, userIds.length)] as number;
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (a === b || usedPairs.has(key)) continue;
    usedPairs.add(key);
    members.push([a, b]);
  }
  while (members.length < shape.conversations) {
    members.push(shuffle(random, [...userIds]).slice(0, shape.groupSize));
  }

  // Message k goes to conversation order[k % n]: rounds over a shuffled order, so conversations interleave.
  const n = shape.conversations;
  const rounds = Math.ceil(shape.messages / n);
  const order = shuffle(
    random,
    Array.from({ length: n }, (_, i) => i),
  );
  const messageId = (round: number, slot: number) => firstMessage + round * n + slot;
  const slotOf = new Int32Array(n);
  order.forEach((conversation, slot) => {
    slotOf[conversation] = slot;
  });
  /** The round of a conversation's newest message; -1 when it has none (fewer messages than conversations). */
  const lastRound = (conversation: number) =>
    (slotOf[conversation] ?? 0) < shape.messages - (rounds - 1) * n ? rounds - 1 : rounds - 2;
  const lastMessageId = (conversation: number) =>
    lastRound(conversation) < 0 ? null : messageId(lastRound(conversation), slotOf[conversation] ?? 0);
  const createdAt = (id: number | null) => (id === null ? start : start + (id - firstMessage) * 1_000);

  await insertRows(
    db,
    'conversations',
    members.map((ids, i) => {
      const lastId = lastMessageId(i);
      return {
        id: firstConversation + i,
        title: ids.length > 2 ? `Group ${i}` : 'New Chat',
        is_group: ids.length > 2 ? 1 : 0,
        created_by: ids[0] ?? null,
        direct_key: ids.length > 2 ? null : `${Math.min(...ids)}:${Math.max(...ids)}`,
        last_message_id: lastId,
        last_activity_at: createdAt(lastId),
        created_at: start,
        updated_at: createdAt(lastId),
      };
    }),
  );
  const memberRows = members.flatMap((ids, i) =>
    ids.map((userId, position) => {
      // Read up to 0–4 rounds before the end: a handful of unread messages per conversation.
      const readRound = Math.max(0, lastRound(i) - randomInt(random, 5));
      const lastRead = lastRound(i) < 0 ? null : messageId(readRound, slotOf[i] ?? 0);
      return member(firstConversation + i, userId, position, start, lastRead);
    }),
  );
  await insertRows(db, 'conversation_members', memberRows);

  const messages = await insertRows(db, 'messages', generateMessages());
  function* generateMessages(): Generator<Insertable<Database['messages']>> {
    for (let k = 0; k < shape.messages; k++) {
      const slot = k % n;
      const conversation = order[slot] as number;
      const ids = members[conversation] as number[];
      const id = messageId(Math.floor(k / n), slot);
      const words = Array.from(
        { length: 3 + randomInt(random, 12) },
        () => WORDS[randomInt(random, WORDS.length)],
      );
      yield {
        id,
        conversation_id: firstConversation + conversation,
        sender_id: ids[randomInt(random, ids.length)] as number,
        type: 'text',
        body: words.join(' '),
        media_id: null,
        media_url: null,
        status: 'active',
        is_edited: 0,
        client_message_id: null,
        created_at: createdAt(id),
        updated_at: createdAt(id),
        deleted_at: null,
      };
    }
  }

  const conversationsOf = new Map<number, number[]>();
  members.forEach((ids, i) => {
    for (const userId of ids) {
      const index = userId - (users[0]?.id ?? 0);
      const list = conversationsOf.get(index);
      if (list) list.push(firstConversation + i);
      else conversationsOf.set(index, [firstConversation + i]);
    }
  });
  return {
    users,
    conversationsOf,
    counts: { users: users.length, conversations: members.length, members: memberRows.length, messages },
  };
}
