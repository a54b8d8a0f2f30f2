import type { ReactNode } from 'react';
import { cn } from '../../ui/cn';

/** The bubble's shape and colour: own tinted on the right, others' neutral on the left; the last of a run has a tail. */
export function BubbleFrame({
  own,
  tail,
  media,
  children,
  className,
}: {
  own: boolean;
  tail: boolean;
  /** A picture fills the bubble edge to edge. */
  media?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      // A whole-pixel line height (not leading-snug's 20.625 px): the message list measures rows in whole pixels
      // when it places an older page above the reader, and fractional rows made that drift a few pixels a page.
      className={cn(
        'relative max-w-full rounded-2xl text-[15px] leading-[21px] shadow-[0_1px_1px_rgba(0,0,0,0.06)]',
        own ? 'bg-bubble-own' : 'bg-bubble-other',
        tail && (own ? 'rounded-br-md' : 'rounded-bl-md'),
        media ? 'overflow-hidden p-1' : 'px-3 py-1.5',
        className,
      )}
    >
      {children}
    </div>
  );
}
