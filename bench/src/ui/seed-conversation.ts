import type { Database } from '@chatapp/db';
import type { Insertable, Kysely } from 'kysely';
import { randomInt, seededRandom } from '../random';
import { insertRows, nextId } from '../seed';

const WORDS =
  'hey hello ok sure thanks see you tomorrow meeting lunch later call me when free the plan works for me sounds good did you get the file yes no maybe tonight'.split(
    ' ',
  );

/**
 * Writes `count` text messages into an existing conversation straight into the database (bulk inserts through the
 * bench's seeding helpers: 10,000 sends over HTTP would only slow the setup), alternating between `senderIds`, one a
 * minute up to a minute ago, and marks them all read by every member. The conversation's newest message is then
 * sent over HTTP by the caller, which also steps the server's event journal (its kept list pages are re-read).
 */
export async function seedConversationHistory(
  db: Kysely<Database>,
  conversationId: number,
  senderIds: readonly number[],
  count: number,
): Promise<{ firstId: number; lastId: number }> {
  const random = seededRandom(14);
  const firstId = await nextId(db, 'messages');
  const end = Date.now() - 60_000;
  function* rows(): Generator<Insertable<Database['messages']>> {
    for (let i = 0; i < count; i++) {
      const at = end - (count - 1 - i) * 60_000;
      const words = Array.from(
        { length: 2 + randomInt(random, 14) },
        () => WORDS[randomInt(random, WORDS.length)],
      );
      yield {
        id: firstId + i,
        conversation_id: conversationId,
        sender_id: senderIds[i % senderIds.length] as number,
        type: 'text',
        body: words.join(' '),
        media_id: null,
        media_url: null,
        status: 'active',
        is_edited: 0,
        client_message_id: null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      };
    }
  }
  await insertRows(db, 'messages', rows());
  const lastId = firstId + count - 1;
  await db
    .updateTable('conversations')
    .set({ last_message_id: lastId, last_activity_at: end, updated_at: end })
    .where('id', '=', conversationId)
    .execute();
  await db
    .updateTable('conversation_members')
    .set({ last_read_message_id: lastId, last_delivered_message_id: lastId })
    .where('conversation_id', '=', conversationId)
    .execute();
  return { firstId, lastId };
}
