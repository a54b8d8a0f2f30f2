import { invalid } from '../errors';
import { MESSAGE_LIMITS } from '../model/message';

/** A text body must say something, within the size limit. It is stored exactly as sent (no trimming). */
export function requireTextBody(body: string): string {
  if (body.trim() === '') throw invalid('Message body cannot be empty');
  if (body.length > MESSAGE_LIMITS.body) {
    throw invalid(`Message body must be at most ${MESSAGE_LIMITS.body} characters long`);
  }
  return body;
}

/** The caption of an image or audio message: optional (may be blank), within the same size limit. */
export function requireCaption(body: string): string {
  if (body.length > MESSAGE_LIMITS.body) {
    throw invalid(`Message body must be at most ${MESSAGE_LIMITS.body} characters long`);
  }
  return body;
}
