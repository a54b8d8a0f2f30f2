import type { Message } from '../../trpc/types';

/** A text message of conversation 7, sent at 10:`minute` on a fixed day. */
export function message(id: number, senderId: number, minute: number): Message {
  const sender = { id: senderId, username: `u${senderId}`, first_name: '', last_name: '', profile: null };
  const at = new Date(Date.UTC(2026, 11, 4, 10, minute)).toISOString();
  return {
    id,
    conversation_id: 7,
    sender_id: senderId,
    sender,
    body: `message ${id}`,
    type: 'text',
    status: 'active',
    media: null,
    media_url: null,
    deleted_at: null,
    client_message_id: null,
    is_edited: false,
    created_at: at,
    updated_at: at,
  };
}
