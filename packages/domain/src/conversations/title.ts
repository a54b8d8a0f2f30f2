import { invalid } from '../errors';
import { CONVERSATION_LIMITS, DEFAULT_TITLE } from './types';

/** A title as stored: trimmed, the default when empty or absent, bounded by the column. */
export function normalizeTitle(title: string | undefined | null): string {
  const trimmed = title?.trim() ?? '';
  if (trimmed.length > CONVERSATION_LIMITS.title) {
    throw invalid(`Title must be at most ${CONVERSATION_LIMITS.title} characters long`);
  }
  return trimmed || DEFAULT_TITLE;
}
