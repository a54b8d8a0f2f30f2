import type { MessageView } from '../model/message';

/**
 * Everything pushed to clients. Plain JSON (it crosses Redis); transports turn it into their own frames.
 */
/** A message as pushed: the domain's view (deleted content already blanked) plus its conversation's title. */
export interface MessageSnapshot {
  message: MessageView;
  conversationTitle: string;
  conversationIsGroup: boolean;
}

export type RealtimeEvent =
  | ({ type: 'message.created' | 'message.edited' | 'message.deleted' } & MessageSnapshot)
  /**
   * A conversation appeared for its members, or its members or title changed; or, sent to one member only, that
   * member's own setting of it (mute) changed.
   */
  | { type: 'conversation.changed'; conversationId: number; memberIds: number[] }
  /** `lastSeenAt` (epoch ms) comes with a flip to offline: the time stored as the user's `last_seen_at`. */
  | { type: 'presence'; userId: number; online: boolean; lastSeenAt?: number }
  | { type: 'typing'; conversationId: number; userId: number; expiresAt: number }
  | {
      type: 'receipt';
      conversationId: number;
      userId: number;
      messageId: number;
      receipt: 'delivered' | 'read';
    };

/**
 * Some of the user's tokens were just revoked (sign out, sign out everywhere, a password change): each open
 * connection of theirs re-checks its token now rather than at its next periodic check. Consumed by the connection
 * itself; never sent to a client.
 */
export interface SessionsRevoked {
  type: 'sessions.revoked';
  userId: number;
}

/** What travels through the hub: the clients' events and the connections' own signal. */
export type HubEvent = RealtimeEvent | SessionsRevoked;

export type DurableEventType =
  | 'message.created'
  | 'message.edited'
  | 'message.deleted'
  | 'conversation.changed'
  | 'receipt';

/** A member's read mark or delivery mark moved forward to `messageId`. */
export type Receipt =
  | { conversationId: number; userId: number; messageId: number; kind: 'read' }
  | { conversationId: number; userId: number; messageId: number; kind: 'delivered'; senderId: number };
