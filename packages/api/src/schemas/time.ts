import { z } from 'zod';

/** Times leave the API as ISO-8601 UTC strings; the legacy adapters reformat them to the old two formats. */
export const isoTime = z.iso.datetime().describe('ISO-8601 UTC timestamp');

export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
