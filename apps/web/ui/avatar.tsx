import { cn } from './cn';

/** Hues for initials, picked by user id so that a person keeps one colour everywhere. */
const HUES = [210, 160, 20, 280, 340, 45, 190, 110];

export interface AvatarPerson {
  id: number;
  username: string;
  first_name?: string;
  last_name?: string;
}

export function initialsOf(person: AvatarPerson): string {
  const names = [person.first_name, person.last_name].filter((n): n is string => Boolean(n?.trim()));
  const letters = names.length > 0 ? names.map((n) => n.trim()[0]) : [person.username[0]];
  return letters.join('').slice(0, 2).toUpperCase();
}

export function displayName(person: AvatarPerson): string {
  const full = [person.first_name, person.last_name].filter(Boolean).join(' ').trim();
  return full || person.username;
}

/**
 * A round picture, or initials on a colour of the person's own. Decorative by default: the name is always
 * written next to it, so screen readers do not hear it twice.
 */
export function Avatar({
  person,
  src,
  size = 40,
  online,
  label,
  className,
}: {
  person: AvatarPerson;
  src?: string | null;
  size?: number;
  /** Draws the presence dot (one-to-one chats). */
  online?: boolean;
  /** An accessible name, when the avatar stands alone. */
  label?: string;
  className?: string;
}) {
  const hue = HUES[person.id % HUES.length] ?? 210;
  return (
    <span
      className={cn('relative inline-flex shrink-0', className)}
      style={{ width: size, height: size }}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      {src ? (
        // biome-ignore lint/performance/noImgElement: media is served by our own server, not Next's image loader
        <img src={src} alt="" className="size-full rounded-full object-cover" draggable={false} />
      ) : (
        // The initials are drawn (generated content), not written: they are a picture of the person, and as text
        // they would count as the visible label of a control that holds the avatar ("Account menu" showing "YH").
        <span
          data-initials={initialsOf(person)}
          className="flex size-full items-center justify-center rounded-full font-semibold text-white select-none before:content-[attr(data-initials)]"
          style={{
            background: `linear-gradient(135deg, hsl(${hue} 70% 58%), hsl(${hue + 25} 65% 46%))`,
            fontSize: size * 0.38,
          }}
        />
      )}
      {online !== undefined && online && (
        <span
          className="absolute right-0 bottom-0 block rounded-full border-2 border-surface bg-online"
          style={{ width: size * 0.3, height: size * 0.3 }}
        />
      )}
    </span>
  );
}
