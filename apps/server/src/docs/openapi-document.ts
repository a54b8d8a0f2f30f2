import { buildOpenApiDocument } from '@chatapp/api';
import { stringify } from 'yaml';
import { legacyOpenApiPaths } from '../legacy/openapi';
import { legacyRoutes } from '../legacy/routes';
import { mediaOpenApiPaths } from '../media/openapi';

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
      const document = buildOpenApiDocument({
        extraPaths: { ...legacyOpenApiPaths(legacyRoutes, '/'), ...mediaOpenApiPaths() },
      });
      built = { json: JSON.stringify(document), yaml: stringify(document) };
    }
    return built;
  };
}
