import { type ButtonHTMLAttributes, forwardRef } from 'react';
import { cn } from './cn';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

const variants: Record<Variant, string> = {
  primary: 'bg-accent text-on-accent hover:bg-accent-strong disabled:opacity-60',
  secondary: 'bg-surface-2 text-text hover:bg-surface-3 border border-border disabled:opacity-60',
  ghost: 'text-text hover:bg-surface-2 disabled:opacity-50',
  // on-accent: white on light, ink on dark; either keeps 4.5:1 on the danger red of its scheme too.
  danger: 'bg-danger text-on-accent hover:opacity-90 disabled:opacity-60',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'primary', className, type = 'button', ...props },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={cn(
        'inline-flex h-10 items-center justify-center gap-2 rounded-lg px-4 text-sm font-semibold transition-colors disabled:cursor-not-allowed',
        variants[variant],
        className,
      )}
      {...props}
    />
  );
});
