import type { Conversation, Message } from '../../trpc/types';
import { displayName } from '../../ui/avatar';
import { messageSummary } from '../conversations/describe';

/** Whether this browser has notifications at all (not in every browser, nor in an insecure context). */
export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/**
 * Older messages are not news: after a long disconnection the stream replays what was missed, and a burst of
 * notifications for messages from hours ago would be noise (the badges and the title already say it).
 */
const FRESH_MS = 5 * 60_000;

/**
 * Shows a browser notification for someone else's new message, when the user allowed them and the message is
 * not in front of them: its conversation is not the one open, or the tab is hidden. Muted conversations never
 * notify. One notification per conversation at a time (its tag): a newer message replaces the older one, and
 * several tabs of the same user replace each other's. Clicking it brings the tab forward on that conversation.
 */
export class MessageNotifier {
  constructor(
    private readonly viewerId: number,
    /** The conversation as the list knows it (undefined for one not in the list yet). */
    private readonly conversationOf: (conversationId: number) => Conversation | undefined,
    private readonly openConversation: { readonly current: number | null },
    /** Opens a conversation in this tab. */
    private readonly open: (conversationId: number) => void,
  ) {}

  received(message: Message, conversationTitle: string): void {
    if (message.sender_id === this.viewerId || message.status === 'delete') return;
    if (!notificationsSupported() || Notification.permission !== 'granted') return;
    if (Date.now() - Date.parse(message.created_at) > FRESH_MS) return;
    const conversation = this.conversationOf(message.conversation_id);
    if (conversation?.muted) return;
    const onScreen =
      document.visibilityState === 'visible' && this.openConversation.current === message.conversation_id;
    if (onScreen) return;
    const sender = displayName(message.sender);
    const title = conversation?.is_group ? `${sender} in ${conversation.title || conversationTitle}` : sender;
    try {
      const notification = new Notification(title, {
        body: messageSummary(message),
        tag: `conversation-${message.conversation_id}`,
      });
      notification.onclick = () => {
        window.focus();
        this.open(message.conversation_id);
        notification.close();
      };
    } catch {
      // Some browsers (Chrome on Android) only notify through a service worker: there is nothing to show then.
    }
  }
}
