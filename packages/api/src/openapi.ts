import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { appRouter } from './root';

export const V1_BASE_PATH = '/api/v1';

/**
 * The OpenAPI 3.1 document for the v1 API, generated from the procedures' zod schemas. Extra paths (the legacy
 * routes) are passed in by the transport that serves them.
 */
export function buildOpenApiDocument(options: {
  serverUrl?: string;
  extraPaths?: ZodOpenApiPathsObject;
}): OpenAPIObject {
  return generateOpenApiDocument(appRouter, {
    title: 'ChatApp API',
    description:
      'Versioned REST API under `/api/v1`, generated from the same tRPC router that serves `/trpc`. ' +
      'The legacy routes of the Django service are listed under the "Legacy" tags with their original envelopes.',
    version: '1.0.0',
    baseUrl: `${options.serverUrl ?? ''}${V1_BASE_PATH}`,
    securitySchemes: {
      Authorization: { type: 'http', scheme: 'bearer', description: 'The token from login' },
    },
    paths: options.extraPaths,
  });
}
