'use client';

import { useEffect } from 'react';
import type { ExternalStore } from '../../lib/external-store';
import type { Overlay } from './overlays';

/** Typing into a field: a bare key like "?" belongs to the text there, not to a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The app-wide shortcuts: Ctrl+K (⌘K on a Mac) opens the quick switcher from anywhere, "?" the shortcuts help
 * outside text fields. Escape is the dialogs' own (Radix), and Enter and Up the composer's.
 */
export function useShortcuts(overlay: ExternalStore<Overlay | null>): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        overlay.set(overlay.get() === 'switcher' ? null : 'switcher');
      } else if (event.key === '?' && !event.ctrlKey && !event.metaKey && !isTyping(event.target)) {
        event.preventDefault();
        overlay.set('shortcuts');
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [overlay]);
}
