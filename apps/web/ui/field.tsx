import { type InputHTMLAttributes, useId } from 'react';
import { cn } from './cn';

export interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  /** The API's rule for this field when it is broken, shown under it as the user types. */
  problem?: string | null;
  hint?: string;
}

/** A labelled input with its rule or hint underneath, tied to it for screen readers. */
export function Field({ label, problem, hint, className, id, ...input }: FieldProps) {
  const ownId = useId();
  const inputId = id ?? ownId;
  const noteId = `${inputId}-note`;
  const note = problem ?? hint;
  return (
    <div className={cn('grid gap-1.5', className)}>
      <label htmlFor={inputId} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={note ? noteId : undefined}
        className={cn(
          'h-11 rounded-lg border bg-surface px-3 text-[15px] outline-none transition-colors placeholder:text-muted focus:border-accent focus-visible:outline-none focus:ring-2 focus:ring-accent/25',
          problem ? 'border-danger' : 'border-border',
        )}
        {...input}
      />
      {note && (
        <p id={noteId} className={cn('text-xs', problem ? 'text-danger' : 'text-muted')}>
          {note}
        </p>
      )}
    </div>
  );
}
