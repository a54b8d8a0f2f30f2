import type { ConversationsTable, UserRow } from '@chatapp/db';
import type { Selectable } from 'kysely';
import type { MessageView } from '../model/message';

export type ConversationRow = Selectable<ConversationsTable>;

/** Non-members get this for every conversation-scoped operation, so existence is never revealed (S4, S5, S9). */
export const CONVERSATION_NOT_FOUND = 'Conversation not found';

/** The legacy API's default title, for 1:1 chats and untitled groups alike. */
export const DEFAULT_TITLE = 'New Chat';

export const CONVERSATION_LIMITS = {
  /** `conversations.title` is varchar(100). */
  title: 100,
  /** Members of one group, the creator included. */
  groupMembers: 256,
  pageDefault: 50,
  /** The legacy list has no paging and asks for this many (the most recently active ones). */
  pageMax: 500,
} as const;

/** A member as the conversation lists show them. */
export type MemberSummary = Pick<
  UserRow,
  'id' | 'username' | 'email' | 'first_name' | 'last_name' | 'profile'
>;

/** A conversation as one of its members sees it. */
export interface ConversationView {
  id: number;
  title: string;
  is_group: boolean;
  created_by: number | null;
  created_at: number;
  /** The newest message's time, or the creation time: the list's sort key (C1, C2). */
  last_activity_at: number;
  /** Every member, the viewer included, in join order (legacy `conversation_user_ids` order). */
  members: MemberSummary[];
  /** The newest message, deleted ones included but blanked (C9). */
  last_message: MessageView | null;
  /** Messages from others after the viewer's read mark that are not deleted. */
  unread_count: number;
  last_read_message_id: number | null;
  /** The viewer muted it: their clients do not notify for it nor count it in their unread total. */
  muted: boolean;
}

/** A page of a viewer's conversations. */
export interface ConversationPage {
  conversations: ConversationView[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  next_cursor: string | null;
}
