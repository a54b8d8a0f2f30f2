import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import type { LegacyRoute } from './route';

const errorMessageEnvelope = z.object({ success: z.literal(false), message: z.string(), data: z.null() });
const errorEnvelope = z.object({ success: z.literal(false), error: z.string() });

function json(schema: z.ZodType, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

function operation(route: LegacyRoute): ZodOpenApiOperationObject {
  const success = route.documentedStatus;
  const failure = route.errors === 'message' ? errorMessageEnvelope : errorEnvelope;
  return {
    operationId: `legacy-${route.method.toLowerCase()}-${route.path.replaceAll('/', '')}`,
    tags: [route.tag],
    summary: route.summary,
    security: route.auth ? [{ Authorization: [] }] : [],
    ...(route.docs.request
      ? { requestBody: { content: { 'application/json': { schema: route.docs.request } } } }
      : {}),
    responses: {
      [success]: json(
        route.envelope === 'top-level'
          ? z.intersection(z.object({ success: z.literal(true) }), route.docs.data)
          : z.object({ success: z.literal(true), message: z.string(), data: route.docs.data }),
        'Success',
      ),
      400: json(failure, 'Invalid input'),
      ...(route.auth
        ? { 401: json(errorMessageEnvelope, 'Missing, unknown, revoked or expired token') }
        : {}),
      405: json(z.object({ detail: z.string() }), 'Wrong method'),
    },
  };
}

/** A legacy route table as OpenAPI paths. They live at the site root, not under the v1 base URL. */
export function legacyOpenApiPaths(routes: readonly LegacyRoute[], serverUrl: string): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = paths[route.path] ?? { servers: [{ url: serverUrl || '/', description: 'Legacy routes' }] };
    item[route.method.toLowerCase() as 'get' | 'post' | 'put'] = operation(route);
    paths[route.path] = item;
  }
  return paths;
}
