'use client';

import { Dialog } from '../../ui/dialog';
import { SHORTCUTS } from './shortcut-list';

/** "Keyboard shortcuts": opened with "?" or from the account menu. */
export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts">
      <dl className="grid gap-1">
        {SHORTCUTS.map(({ keys, action }) => (
          <div
            key={action}
            className="flex items-center justify-between gap-4 rounded-lg px-2 py-2 even:bg-surface-2"
          >
            <dt className="text-sm">{action}</dt>
            <dd className="flex shrink-0 gap-1">
              {keys.map((key) => (
                <kbd
                  key={key}
                  className="min-w-7 rounded-md border border-border bg-surface px-1.5 py-0.5 text-center font-sans text-xs font-semibold shadow-[0_1px_0_var(--border)]"
                >
                  {key}
                </kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
