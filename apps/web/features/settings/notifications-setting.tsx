'use client';

import { useState } from 'react';
import { Button } from '../../ui/button';
import { notificationsSupported } from '../notifications/message-notifier';

type Permission = NotificationPermission | 'unsupported';

function currentPermission(): Permission {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

const STATES: Record<Permission, string> = {
  granted: 'On: new messages in chats you are not looking at show as notifications (muted chats never do).',
  default: 'Off. Turn them on to hear of new messages while ChatApp is in the background.',
  denied: 'Blocked in this browser: allow notifications for this site in the browser’s settings.',
  unsupported: 'This browser cannot show notifications.',
};

/** Where notifications can be turned on at any time (the list's offer, once dismissed, does not come back). */
export function NotificationsSetting() {
  const [permission, setPermission] = useState<Permission>(currentPermission);
  return (
    <section aria-labelledby="notifications-setting" className="grid gap-2">
      <h3 id="notifications-setting" className="text-sm font-semibold">
        Notifications
      </h3>
      <p className="text-sm text-muted">{STATES[permission]}</p>
      {permission === 'default' && (
        <div>
          <Button
            variant="secondary"
            onClick={() =>
              void Notification.requestPermission().then(() => setPermission(currentPermission()))
            }
          >
            Turn on notifications
          </Button>
        </div>
      )}
    </section>
  );
}
