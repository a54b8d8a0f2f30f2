'use client';

import { Tooltip as T } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';

export function TooltipProvider({ children }: { children: ReactNode }) {
  return <T.Provider delayDuration={400}>{children}</T.Provider>;
}

/** A short label shown on hover and keyboard focus (the control keeps its own accessible name). */
export function Tooltip({
  label,
  side = 'bottom',
  children,
}: {
  label: string;
  side?: 'top' | 'bottom' | 'left' | 'right';
  children: ReactElement;
}) {
  return (
    <T.Root>
      <T.Trigger asChild>{children}</T.Trigger>
      <T.Portal>
        <T.Content
          side={side}
          sideOffset={6}
          className="z-50 rounded-md bg-text px-2 py-1 text-xs font-medium text-surface shadow-md [animation:fade-in_120ms_ease-out]"
        >
          {label}
        </T.Content>
      </T.Portal>
    </T.Root>
  );
}
