import { cn } from '../../ui/cn';

/**
 * A small spinning ring in the current text colour. Decorative unless `label` is given: then it is a status that
 * screen readers announce ("Searching…").
 */
export function Spinner({ label, className }: { label?: string; className?: string }) {
  const ring = cn(
    'inline-block size-4 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent',
    className,
  );
  if (!label) return <span aria-hidden className={ring} />;
  return (
    <span role="status" className="inline-flex items-center gap-2">
      <span aria-hidden className={ring} />
      <span className="sr-only">{label}</span>
    </span>
  );
}
