/**
 * The legacy service printed times in two Python formats (contract §1.5), both from one stored instant:
 * - "offset": `2026-11-24T11:09:27.053000+00:00` (isoformat in a view; every WebSocket time);
 * - "z":      `2026-11-24T11:09:27.053000Z` (DRF's encoder).
 * Microseconds are dropped when they are zero, as Python's isoformat does.
 */
export type LegacyTimeFormat = 'offset' | 'z';

export function legacyTime(iso: string, format: LegacyTimeFormat): string {
  const date = new Date(iso);
  const base = date.toISOString().slice(0, 19);
  const millis = date.getUTCMilliseconds();
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}000`;
  return `${base}${fraction}${format === 'offset' ? '+00:00' : 'Z'}`;
}
