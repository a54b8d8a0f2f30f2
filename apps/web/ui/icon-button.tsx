import { type ButtonHTMLAttributes, forwardRef } from 'react';
import { cn } from './cn';
import { Tooltip } from './tooltip';

export interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The accessible name, also shown as the tooltip. */
  label: string;
  tooltipSide?: 'top' | 'bottom' | 'left' | 'right';
}

/** A round icon-only button: always named (aria-label) and explained (tooltip). */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { label, tooltipSide, className, type = 'button', children, ...props },
  ref,
) {
  return (
    <Tooltip label={label} side={tooltipSide}>
      <button
        ref={ref}
        type={type}
        aria-label={label}
        className={cn(
          'inline-flex size-10 shrink-0 items-center justify-center rounded-full text-muted transition-colors hover:bg-surface-2 hover:text-text disabled:opacity-50',
          className,
        )}
        {...props}
      >
        {children}
      </button>
    </Tooltip>
  );
});
