import type { AsyncLocalStorage } from 'node:async_hooks';
import type { Env } from '@chatapp/config';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { RequestScope } from './request-scope';

/**
 * The process's one logger: JSON lines on stdout (or `destination`, which tests read). Each line written while a
 * request is served carries its `reqId` (taken from the request's async scope, so code that logs needs no request
 * object). Secrets never reach it: the request log names method, route and status only, and these fields are
 * censored wherever they appear in details.
 */
export function createLogger(
  env: Pick<Env, 'LOG_LEVEL' | 'NODE_ENV'>,
  scope: AsyncLocalStorage<RequestScope>,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
      base: { pid: process.pid },
      mixin: () => {
        const request = scope.getStore();
        return request ? { reqId: request.id } : {};
      },
      redact: {
        paths: [
          'token',
          'password',
          'authorization',
          'body',
          'text',
          '*.token',
          '*.password',
          '*.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
