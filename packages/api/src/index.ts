export { type ApiContext, createApiContext, createSocketContext } from './context';
export { describeInputError, TRPC_CODE_BY_KIND } from './errors';
export { buildOpenApiDocument, V1_BASE_PATH } from './openapi';
export { type AppCaller, type AppRouter, appRouter, createCaller } from './root';
export * as schemas from './schemas';
