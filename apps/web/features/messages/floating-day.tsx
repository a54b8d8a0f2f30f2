'use client';

import { useEffect, useState } from 'react';
import { ExternalStore, useStore } from '../../lib/external-store';
import { dayLabel } from '../../lib/time';
import { cn } from '../../ui/cn';

/** What the floating chip shows: the day of the topmost message on screen, while the reader scrolls. */
export interface FloatingDayState {
  createdAt: string | null;
  scrolling: boolean;
  /** The day's own separator is at the top of the view: the chip would only repeat it. */
  covered: boolean;
}

/**
 * Kept outside React's state of the list, so that scrolling re-renders this chip alone and never the rows (the list
 * reports its range and its scrolling into the store; only `FloatingDay` follows it).
 */
export function createFloatingDayStore(): ExternalStore<FloatingDayState> {
  return new ExternalStore<FloatingDayState>({ createdAt: null, scrolling: false, covered: false });
}

/** How long the chip stays after the scrolling stops (as in Telegram: it fades, it does not vanish at once). */
const LINGER_MS = 1_200;

/**
 * The day of the messages at the top of the view, floating over them while the reader scrolls through a long
 * history, so the date is always in sight (the day separators scroll away with their day).
 */
export function FloatingDay({ store }: { store: ExternalStore<FloatingDayState> }) {
  const { createdAt, scrolling, covered } = useStore(store);
  const [lingering, setLingering] = useState(false);
  useEffect(() => {
    if (scrolling) {
      setLingering(true);
      return;
    }
    const timer = setTimeout(() => setLingering(false), LINGER_MS);
    return () => clearTimeout(timer);
  }, [scrolling]);
  if (!createdAt) return null;
  return (
    <div
      aria-hidden
      data-testid="floating-day"
      // Why it shows or not, for tests and styling hooks: over its own separator, shown while scrolling, or faded.
      data-state={covered ? 'covered' : lingering ? 'shown' : 'hidden'}
      className={cn(
        'pointer-events-none absolute inset-x-0 top-2 z-10 flex justify-center transition-opacity duration-300',
        lingering && !covered ? 'opacity-100' : 'opacity-0',
      )}
    >
      <span className="rounded-full bg-surface/95 px-3 py-1 text-xs font-medium text-muted shadow-sm">
        {dayLabel(createdAt)}
      </span>
    </div>
  );
}
