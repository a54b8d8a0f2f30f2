/** Times as a messenger shows them, in the reader's locale and time zone. */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One formatter per format, made once: `toLocaleTimeString` with options builds a new one on every call (~0.46 ms
 * each in chromium, against ~0.003 ms for a kept formatter), and every bubble shows a time.
 */
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const shortDateWithYear = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const longDayWithYear = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** "14:05" */
export function clockTime(iso: string): string {
  return clock.format(new Date(iso));
}

/** For the conversation list: the time today, "Yesterday", a weekday this week, else a short date. */
export function listTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
  if (days <= 0) return clock.format(date);
  if (days === 1) return 'Yesterday';
  if (days < 7) return weekday.format(date);
  return (date.getFullYear() === now.getFullYear() ? shortDate : shortDateWithYear).format(date);
}

/** For day separators: "Today", "Yesterday", or "Monday, 3 March". */
export function dayLabel(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return (date.getFullYear() === now.getFullYear() ? longDay : longDayWithYear).format(date);
}

export function sameDay(a: string, b: string): boolean {
  return startOfDay(new Date(a)) === startOfDay(new Date(b));
}

/** "last seen just now", "last seen 5 minutes ago", "last seen yesterday at 14:05", ... */
export function lastSeen(iso: string | null, now = Date.now()): string {
  if (!iso) return 'offline';
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'last seen just now';
  if (minutes < 60) return `last seen ${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const day = dayLabel(iso, new Date(now));
  return `last seen ${day === 'Today' ? 'today' : day === 'Yesterday' ? 'yesterday' : day} at ${clockTime(iso)}`;
}
