import { TRPCClientError } from '@trpc/client';

/** Why a question got no streamed reply, as the pane says it. */
export interface AskFailure {
  /** The API's HTTP status (429, 502, 503, 504…), 0 when the server could not be reached. */
  status: number;
  title: string;
  detail: string;
}

function statusOf(error: unknown): number {
  if (!(error instanceof TRPCClientError)) return 0;
  const data: unknown = error.data;
  if (
    typeof data === 'object' &&
    data !== null &&
    'httpStatus' in data &&
    typeof data.httpStatus === 'number'
  )
    return data.httpStatus;
  return 0;
}

/** The subscription's error as the person should read it; the API's own short reason where it has one. */
export function askFailureOf(error: unknown): AskFailure {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : '';
  switch (status) {
    case 429:
      return { status, title: 'Slow down a little', detail: message };
    case 502:
      return {
        status,
        title: 'The assistant could not answer',
        detail: `${message}. Nothing was saved as its reply.`,
      };
    case 504:
      return {
        status,
        title: 'The assistant took too long',
        detail: 'It did not answer in time. Nothing was saved as its reply.',
      };
    case 503:
      return { status, title: 'The assistant is not configured on this server', detail: '' };
    case 0:
      return { status, title: 'Could not reach the server', detail: 'Check your connection.' };
    default:
      return { status, title: 'The question could not be asked', detail: message };
  }
}
