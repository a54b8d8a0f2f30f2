'use client';

import { Monitor, Moon, Sun } from 'lucide-react';
import { useState } from 'react';
import { cn } from '../../ui/cn';
import { Dialog } from '../../ui/dialog';
import { NotificationsSetting } from './notifications-setting';
import { applyTheme, readTheme, type ThemeChoice } from './theme';

const THEMES: ReadonlyArray<{ value: ThemeChoice; label: string; Icon: typeof Sun }> = [
  { value: 'system', label: 'System', Icon: Monitor },
  { value: 'light', label: 'Light', Icon: Sun },
  { value: 'dark', label: 'Dark', Icon: Moon },
];

/** Settings kept in this browser: the appearance, applied at once, and notifications. */
export function SettingsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [theme, setTheme] = useState<ThemeChoice>(readTheme);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Settings">
      <div className="grid gap-6">
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-semibold">Appearance</legend>
          <div className="grid grid-cols-3 gap-2">
            {THEMES.map(({ value, label, Icon }) => (
              <label
                key={value}
                className={cn(
                  'flex cursor-pointer flex-col items-center gap-2 rounded-xl border-2 px-3 py-3 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
                  theme === value ? 'border-accent bg-accent-soft' : 'border-border hover:bg-surface-2',
                )}
              >
                <input
                  type="radio"
                  name="theme"
                  value={value}
                  checked={theme === value}
                  onChange={() => {
                    setTheme(value);
                    applyTheme(value);
                  }}
                  className="sr-only"
                />
                <Icon className="size-5" aria-hidden />
                {label}
              </label>
            ))}
          </div>
          <p className="text-xs text-muted">System follows your device's light or dark setting.</p>
        </fieldset>
        <NotificationsSetting />
      </div>
    </Dialog>
  );
}
