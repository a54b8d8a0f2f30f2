import type { ReactNode } from 'react';
import { MessengerShell } from '../../features/messenger/messenger-shell';

/** `/` and `/c/<id>` share this layout, so the list and the socket stay mounted while chats change. */
export default function MessengerLayout({ children }: { children: ReactNode }) {
  return <MessengerShell>{children}</MessengerShell>;
}
