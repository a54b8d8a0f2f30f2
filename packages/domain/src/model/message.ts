import type { MessagesTable, UserRow } from '@chatapp/db';
import type { Selectable } from 'kysely';
import type { MediaSummary } from '../media/types';

export type MessageRow = Selectable<MessagesTable>;

/** The stored values of `messages.status` ("delete" is the legacy spelling, kept for wire compatibility). */
export const MESSAGE_STATUS = { active: 'active', deleted: 'delete' } as const;
export type MessageStatus = (typeof MESSAGE_STATUS)[keyof typeof MESSAGE_STATUS];

export const MESSAGE_TYPES = ['text', 'image', 'audio'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MESSAGE_LIMITS = {
  /** Characters of a text body. The legacy service had no limit (longtext). */
  body: 10_000,
  /** The `client_message_id` column is varchar(64). */
  clientMessageId: 64,
  pageDefault: 50,
  pageMax: 200,
  /**
   * The legacy history route has no paging; it answers at most this many of the newest messages, so one request
   * cannot make the server load an unbounded conversation (P4).
   */
  legacyHistory: 1_000,
} as const;

export const MESSAGE_NOT_FOUND = 'Message not found';

/** Who sent a message, as every message listing shows it. */
export type SenderSummary = Pick<UserRow, 'id' | 'username' | 'first_name' | 'last_name' | 'profile'>;

/**
 * A message as it may leave the domain. A deleted message keeps its id, type, sender and times, but its body is
 * "" and its media null here, whatever is stored (C9).
 */
export interface MessageView {
  id: number;
  conversation_id: number;
  sender_id: number;
  type: string;
  body: string;
  /** Relative path of the file (`ImgMessages/…`), as the legacy clients expect it. */
  media_url: string | null;
  /** Details of the attached media (type, size, thumbnail); null for text and for legacy rows without them. */
  media: MediaSummary | null;
  status: MessageStatus;
  is_edited: boolean;
  client_message_id: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  sender: SenderSummary;
}
