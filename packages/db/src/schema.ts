import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The whole product's tables. Conventions that keep one query path on SQLite and MySQL/MariaDB:
 * - ids are integer auto-increment (JSON numbers on the wire);
 * - times are epoch milliseconds in BIGINT columns (no driver-specific Date/string decoding);
 * - booleans are 0/1 integers;
 * - case-insensitive uniqueness uses a lower-cased `*_key` column with a plain unique index.
 */
export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** lower(username); NULL for accounts without a username yet (invited by email), so they do not collide. */
  username_key: string | null;
  email: string;
  email_key: string;
  /** scrypt (ours) or Django pbkdf2_sha256 (imported) hash; NULL = cannot log in with a password. */
  password_hash: string | null;
  first_name: string;
  last_name: string;
  /** Relative media path of the profile picture (`profiles/…`), or NULL. */
  profile: string | null;
  profile_thumb: string | null;
  created_at: number;
  updated_at: number;
  /** When the user last went offline (their last socket closed); NULL until then. Not a profile change. */
  last_seen_at: number | null;
  /** 1 for the assistant's account (migration 0010): it sends replies, and people lists leave it out. */
  is_bot: Generated<number>;
}

export interface AuthTokensTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 hex of the token; the token itself is never stored. */
  token_hash: string;
  user_agent: string | null;
  created_at: number;
  last_used_at: number;
  expires_at: number;
}

export interface ConversationsTable {
  id: Generated<number>;
  title: string;
  is_group: number;
  created_by: number | null;
  /** `<low id>:<high id>` for a one-to-one chat, NULL for groups: the unique key that makes 1:1 chats unique. */
  direct_key: string | null;
  last_message_id: number | null;
  /** Time of the newest message, or the creation time: the list's sort key. */
  last_activity_at: number;
  created_at: number;
  updated_at: number;
}

export interface ConversationMembersTable {
  conversation_id: number;
  user_id: number;
  /** Order of the legacy `conversation_user_ids` string (caller first for 1:1, given order for groups). */
  position: number;
  last_read_message_id: number | null;
  last_delivered_message_id: number | null;
  joined_at: number;
  /** 1 when this member muted the conversation (migration 0011): no notifications, not in their unread total. */
  muted: Generated<number>;
}

export interface MessagesTable {
  id: Generated<number>;
  conversation_id: number;
  sender_id: number;
  type: string;
  body: string;
  media_id: number | null;
  media_url: string | null;
  status: string;
  is_edited: number;
  /** Client-chosen id for idempotent retries, unique per sender. */
  client_message_id: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface MessageEditsTable {
  id: Generated<number>;
  message_id: number;
  /** The body as it was before this edit. */
  previous_body: string;
  edited_at: number;
}

/** One stored upload. Files are content-addressed, so several rows may share a `path` (see migration 0003). */
export interface MediaTable {
  id: Generated<number>;
  owner_id: number;
  kind: string;
  mime: string;
  path: string;
  thumb_path: string | null;
  size_bytes: number;
  width: number | null;
  height: number | null;
  sha256: string;
  created_at: number;
  /** When the upload was attached to a message or became a profile picture; NULL while it waits to be used. */
  attached_at: number | null;
}

export interface AiConversationsTable {
  id: Generated<number>;
  user_id: number;
  created_at: number;
  updated_at: number;
}

export interface AiMessagesTable {
  id: Generated<number>;
  conversation_id: number;
  sender_is_user: number;
  message: string;
  created_at: number;
}

/** Mail waiting to be sent, sent, or dead (see migration 0009 and packages/domain/src/mail). */
export interface EmailOutboxTable {
  id: Generated<number>;
  /** What caused the mail: `invitation`, `welcome`. */
  kind: Generated<string>;
  to_address: string;
  /** lower(to_address): mails per recipient are counted on it. */
  to_key: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  /** `queued` (waiting, or leased while locked_until is in the future), `sent` or `dead`. */
  status: string;
  /** Claims so far (a claim counts as an attempt, so a mail whose sender keeps dying still ends). */
  attempts: number;
  next_attempt_at: number;
  locked_until: number | null;
  /** The claim that owns the row while locked_until is in the future. */
  lease_token: string | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

/** One-time links to choose a password (an invitation's); only the token's SHA-256 is stored. */
export interface PasswordLinksTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  purpose: string;
  /** Who sent the invitation (NULL once that account is deleted). */
  created_by: number | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Durable realtime log: the monotonic ids that subscriptions resume from. */
export interface RealtimeEventsTable {
  /** Assigned from realtime_sequence, not auto-increment (ids must become visible in order). */
  id: number;
  conversation_id: number | null;
  user_id: number | null;
  kind: string;
  payload: string;
  created_at: number;
}

/** Named counters; `events` numbers the realtime journal (see migration 0002). */
export interface RealtimeSequenceTable {
  name: string;
  last_id: number;
}

export interface Database {
  users: UsersTable;
  auth_tokens: AuthTokensTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  messages: MessagesTable;
  message_edits: MessageEditsTable;
  media: MediaTable;
  ai_conversations: AiConversationsTable;
  ai_messages: AiMessagesTable;
  email_outbox: EmailOutboxTable;
  password_links: PasswordLinksTable;
  realtime_events: RealtimeEventsTable;
  realtime_sequence: RealtimeSequenceTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuthTokenRow = Selectable<AuthTokensTable>;
