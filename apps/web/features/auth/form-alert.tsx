import type { ReactNode } from 'react';
import { cn } from '../../ui/cn';

/** A message above a form: errors are announced at once (role="alert"), notices politely. */
export function FormAlert({ tone, children }: { tone: 'error' | 'info'; children: ReactNode }) {
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'rounded-lg px-3 py-2 text-sm',
        tone === 'error' ? 'bg-danger-soft text-danger' : 'bg-accent-soft text-text',
      )}
    >
      {children}
    </p>
  );
}
