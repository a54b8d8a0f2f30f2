export { type ApiContext, createApiContext, type LiveConnection } from './context';
export { describeInputError, retryAfterHeaders, retryAfterSeconds, TRPC_CODE_BY_KIND } from './errors';
export { buildOpenApiDocument, V1_BASE_PATH } from './openapi';
export { type AppCaller, type AppRouter, appRouter, createCaller } from './root';
export * as schemas from './schemas';
export {
  CLOSE_UNAUTHORIZED,
  type SessionLimits,
  type SessionRequest,
  type SessionTransport,
  SocketSession,
} from './sessions/socket-session';
