import { X } from 'lucide-react';
import { mediaPath } from '../../lib/media';
import type { UserSummary } from '../../trpc/types';
import { Avatar, displayName } from '../../ui/avatar';

/** A chosen person as a removable chip (picture, first name, a remove button named after them). */
export function PersonChip({
  person,
  onRemove,
  disabled,
}: {
  person: UserSummary;
  onRemove: () => void;
  disabled?: boolean;
}) {
  const name = displayName(person);
  return (
    <span className="inline-flex max-w-full items-center gap-1.5 rounded-full bg-accent-soft py-1 pr-1 pl-1 text-sm">
      <Avatar person={person} src={mediaPath(person.profile)} size={24} />
      <span className="max-w-40 truncate font-medium">{name}</span>
      <button
        type="button"
        aria-label={`Remove ${name}`}
        onClick={onRemove}
        disabled={disabled}
        className="inline-flex size-6 shrink-0 items-center justify-center rounded-full text-muted transition-colors hover:bg-surface hover:text-text disabled:opacity-50"
      >
        <X className="size-3.5" aria-hidden />
      </button>
    </span>
  );
}
