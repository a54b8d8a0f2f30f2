/**
 * The legacy service printed times in two Python formats (contract §1.5), both from one stored instant:
 * - "offset": `2026-11-24T11:09:27.053000+00:00` (isoformat in a view; every WebSocket time);
 * - "z":      `2026-11-24T11:09:27.053000Z` (DRF's encoder).
 * Microseconds are dropped when they are zero, as Python's isoformat does.
 */
export type LegacyTimeFormat = 'offset' | 'z';

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`, what the API's times (`toISOString`) look like. */
const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function legacyTime(iso: string, format: LegacyTimeFormat): string {
  const suffix = format === 'offset' ? '+00:00' : 'Z';
  // The API's own times are rewritten as text, without parsing them into a Date and formatting that again.
  if (CANONICAL_ISO.test(iso)) {
    const millis = iso.slice(20, 23);
    return `${iso.slice(0, 19)}${millis === '000' ? '' : `.${millis}000`}${suffix}`;
  }
  const date = new Date(iso);
  const base = date.toISOString().slice(0, 19);
  const millis = date.getUTCMilliseconds();
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}000`;
  return `${base}${fraction}${suffix}`;
}
