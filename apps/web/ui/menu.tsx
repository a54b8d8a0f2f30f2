'use client';

import { DropdownMenu } from 'radix-ui';
import type { ReactNode, Ref } from 'react';
import { cn } from './cn';

export interface MenuEntry {
  label: string;
  icon: ReactNode;
  onSelect: () => void;
  danger?: boolean;
}

export interface MenuProps {
  /** The button's accessible name. */
  label: string;
  /** What the button shows, and its classes: the same before and after the menu's code has loaded. */
  button: ReactNode;
  buttonClassName: string;
  buttonRef?: Ref<HTMLButtonElement>;
  /** Shown above the entries, with a separator below it (the account menu's name and username). */
  header?: ReactNode;
  entries: readonly MenuEntry[];
  align: 'start' | 'end';
  /** Wider menus, for longer entries. */
  contentClassName?: string;
}

const itemClass =
  'flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2 text-sm outline-none select-none data-[highlighted]:bg-surface-2';

/**
 * A button and its menu (Radix: arrow keys, typeahead, Escape, focus back to the button). Not modal: the page
 * behind stays readable to screen readers, and a click outside closes it. Loaded on demand by `MenuButton`,
 * which renders it already open.
 */
export function Menu({
  label,
  button,
  buttonClassName,
  buttonRef,
  header,
  entries,
  align,
  contentClassName,
}: MenuProps) {
  return (
    <DropdownMenu.Root modal={false} defaultOpen>
      <DropdownMenu.Trigger ref={buttonRef} aria-label={label} className={buttonClassName}>
        {button}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align={align}
          sideOffset={4}
          className={cn(
            'z-50 min-w-44 rounded-xl border border-border bg-surface p-1 shadow-xl [animation:fade-in_100ms_ease-out]',
            contentClassName,
          )}
        >
          {header && (
            <>
              {header}
              <DropdownMenu.Separator className="my-1 h-px bg-border" />
            </>
          )}
          {entries.map((entry) => (
            <DropdownMenu.Item
              key={entry.label}
              className={cn(itemClass, entry.danger && 'text-danger')}
              onSelect={entry.onSelect}
            >
              {entry.icon} {entry.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
