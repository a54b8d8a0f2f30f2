import { buildOpenApiDocument } from '@chatapp/api';
import { stringify } from 'yaml';
import { legacyOpenApiPaths } from '../legacy/openapi';
import { legacyRoutes } from '../legacy/routes';
import { mediaOpenApiPaths } from '../media/openapi';
import { addExamples } from './openapi-examples';
import { v1Descriptions } from './v1-descriptions';

/** The served OpenAPI document: the v1 API generated from the router, the media routes, the legacy routes. */
export interface OpenApiDocuments {
  json: string;
  yaml: string;
}

/** The documents, built on first use and then kept by the server that serves them (a docs handler). */
export function lazyOpenApiDocuments(): () => OpenApiDocuments {
  let built: OpenApiDocuments | undefined;
  return () => {
    if (!built) {
      const document = linkToEvents(
        buildOpenApiDocument({
          extraPaths: { ...legacyOpenApiPaths(legacyRoutes, '/'), ...mediaOpenApiPaths() },
        }),
      );
      describeV1(document);
      built = { json: JSON.stringify(document), yaml: stringify(document) };
    }
    return built;
  };
}

/** Swagger UI and ReDoc show the description and `externalDocs`: both lead to the sockets' AsyncAPI page. */
function linkToEvents<T extends { info: { description?: string }; externalDocs?: unknown }>(document: T): T {
  const events =
    'Realtime events (the legacy `/ws/global/` socket and the typed `events.stream`) are described in the ' +
    '[AsyncAPI document](/asyncapi/) (`/asyncapi.json`, `/asyncapi.yaml`).';
  return {
    ...document,
    info: { ...document.info, description: `${document.info.description ?? ''}\n\n${events}` },
    externalDocs: { description: 'Realtime events (AsyncAPI)', url: '/asyncapi/' },
  };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Whether an operation is a legacy route's (their shapes are the legacy contract's, documented as they are). */
export const isLegacyOperation = (operation: { tags?: string[] }) =>
  (operation.tags ?? []).some((tag) => tag.startsWith('Legacy'));

/** Every v1 operation gets its description (v1-descriptions.ts) and examples drawn from its schemas. */
function describeV1(document: { paths?: object; components?: { schemas?: object } }): void {
  const components = (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(
    (document.paths ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    for (const method of METHODS) {
      const operation = item[method] as
        | ({ tags?: string[]; description?: string } & Record<string, unknown>)
        | undefined;
      if (!operation) continue;
      requirePathParameters(operation);
      if (isLegacyOperation(operation)) continue;
      const description = v1Descriptions[`${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`];
      if (!operation.description && description) operation.description = description;
      addExamples(operation, components);
    }
  }
}

/**
 * OpenAPI requires `required: true` on every path parameter; trpc-to-openapi leaves it out when the input's zod
 * schema for it accepts a string or a number (the validators reject the document without it).
 */
function requirePathParameters(operation: Record<string, unknown>): void {
  const parameters = (operation.parameters ?? []) as Array<{ in?: string; required?: boolean }>;
  for (const parameter of parameters) if (parameter.in === 'path') parameter.required = true;
}
