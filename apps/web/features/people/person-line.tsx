import type { ReactNode } from 'react';
import { mediaPath } from '../../lib/media';
import type { UserSummary } from '../../trpc/types';
import { Avatar, displayName } from '../../ui/avatar';

/**
 * A person as every list of people shows them: picture, name (truncated, never wrapped), and a second line
 * (@username unless told otherwise). `badges` sit after the name ("you", "admin").
 */
export function PersonLine({
  person,
  online,
  badges,
  detail,
  size = 40,
}: {
  person: UserSummary;
  online?: boolean;
  badges?: ReactNode;
  detail?: ReactNode;
  size?: number;
}) {
  return (
    <>
      <Avatar person={person} src={mediaPath(person.profile)} size={size} online={online} />
      <span className="grid min-w-0 flex-1 text-left">
        <span className="flex min-w-0 items-center gap-2">
          <span className="truncate text-[15px] font-medium">{displayName(person)}</span>
          {badges}
        </span>
        <span className="truncate text-sm text-muted">{detail ?? `@${person.username}`}</span>
      </span>
    </>
  );
}

/** A small label after a name ("you", "admin"). On a tinted pill, accent-strong keeps the text at 4.5:1. */
export function Badge({ children, tone = 'muted' }: { children: ReactNode; tone?: 'muted' | 'accent' }) {
  return (
    <span
      className={
        tone === 'accent'
          ? 'shrink-0 rounded-full bg-accent-soft px-2 py-0.5 text-[11px] font-semibold text-accent-strong'
          : 'shrink-0 rounded-full bg-surface-3 px-2 py-0.5 text-[11px] font-medium text-muted'
      }
    >
      {children}
    </span>
  );
}
