/** "0:07", "1:23", "12:05": a position in a voice message (or a recording's time so far), in whole seconds. */
export function formatDuration(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * A voice message's length: rounded to the nearest second, and never "0:00" for one that holds any sound (a
 * 0.96 s take reads 0:01, as in the big messengers; a position still counts whole seconds played).
 */
export function formatLength(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return formatDuration(0);
  return formatDuration(Math.max(1, Math.round(seconds)));
}
