'use client';

import dynamic from 'next/dynamic';
import { useStore } from '../../lib/external-store';
import { useOpenedOnce } from '../../ui/use-opened-once';
import { useMessenger } from '../messenger/runtime';
import { useShortcuts } from './use-shortcuts';

// Opened by a shortcut or from the account menu: loaded then, not with the page.
const QuickSwitcher = dynamic(() => import('./quick-switcher').then((m) => m.QuickSwitcher));
const ShortcutsDialog = dynamic(() => import('./shortcuts-dialog').then((m) => m.ShortcutsDialog));
const SettingsDialog = dynamic(() => import('../settings/settings-dialog').then((m) => m.SettingsDialog));

/** The app-wide dialogs (quick switcher, shortcuts, settings) and the shortcuts that open them. */
export function AppOverlays() {
  const { overlay } = useMessenger();
  useShortcuts(overlay);
  const open = useStore(overlay);
  const close = (stillOpen: boolean) => !stillOpen && overlay.set(null);
  const switcher = useOpenedOnce(open === 'switcher');
  const shortcuts = useOpenedOnce(open === 'shortcuts');
  const settings = useOpenedOnce(open === 'settings');
  return (
    <>
      {switcher && <QuickSwitcher open={open === 'switcher'} onOpenChange={close} />}
      {shortcuts && <ShortcutsDialog open={open === 'shortcuts'} onOpenChange={close} />}
      {settings && <SettingsDialog open={open === 'settings'} onOpenChange={close} />}
    </>
  );
}
