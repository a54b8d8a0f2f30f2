import type { Log } from '@chatapp/db';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { DomainError } from '../errors';

/**
 * What a failed model call tells the caller: 504 when it ran out of time, 502 for anything else the server did.
 * The upstream's own text is logged, not returned: it may carry details of the deployment (keys, hosts).
 */
export function upstreamFailure(error: unknown, timedOut: boolean, log: Log): DomainError {
  if (error instanceof DomainError) return error;
  if (timedOut || error instanceof APIConnectionTimeoutError) {
    return new DomainError('upstream_timeout', 'The assistant did not answer in time');
  }
  // One line for the operator, the upstream's own words included (they never reach the client).
  log.error(
    { upstream: error instanceof Error ? error.message : String(error) },
    'assistant: the model call failed',
  );
  if (error instanceof APIError && error.status !== undefined) {
    return new DomainError('upstream_failed', `The assistant's model server failed (HTTP ${error.status})`);
  }
  if (error instanceof APIConnectionError) {
    return new DomainError('upstream_failed', "The assistant's model server could not be reached");
  }
  return new DomainError(
    'upstream_failed',
    "The assistant's model server sent an answer that could not be read",
  );
}

export const noAnswer = () => new DomainError('upstream_failed', 'The assistant returned an empty answer');
