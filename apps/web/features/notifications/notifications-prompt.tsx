'use client';

import { BellRing, X } from 'lucide-react';
import { useState } from 'react';
import { IconButton } from '../../ui/icon-button';
import { notificationsSupported } from './message-notifier';

const DISMISSED_KEY = 'chatapp.notifications-prompt-dismissed';

function shouldAsk(): boolean {
  if (!notificationsSupported() || Notification.permission !== 'default') return false;
  try {
    return localStorage.getItem(DISMISSED_KEY) === null;
  } catch {
    return true;
  }
}

/**
 * A quiet offer above the list to turn on notifications. The browser's permission prompt only ever opens from
 * this button (a user's click, never on page load: browsers penalise sites that ask unprompted, and people
 * refuse). Gone once answered, or when dismissed (remembered in this browser).
 */
export function NotificationsPrompt() {
  const [asking, setAsking] = useState(shouldAsk);
  if (!asking) return null;

  async function turnOn() {
    try {
      await Notification.requestPermission();
    } finally {
      setAsking(false);
    }
  }

  function dismiss() {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Storage refused (private mode): hidden for this page only.
    }
    setAsking(false);
  }

  return (
    <section
      aria-label="Notifications"
      className="mx-3 mb-2 flex items-center gap-3 rounded-xl bg-accent-soft py-2 pr-1 pl-3 text-sm"
    >
      <BellRing className="size-5 shrink-0 text-accent-strong" aria-hidden />
      <p className="min-w-0 flex-1 leading-snug">Get notified of new messages.</p>
      <button
        type="button"
        onClick={() => void turnOn()}
        className="shrink-0 rounded-full bg-accent px-3 py-1.5 text-xs font-semibold text-on-accent hover:bg-accent-strong"
      >
        Turn on
      </button>
      <IconButton label="Not now" onClick={dismiss} className="size-8 hover:bg-surface-3">
        <X className="size-4" aria-hidden />
      </IconButton>
    </section>
  );
}
