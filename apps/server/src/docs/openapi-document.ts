import { buildOpenApiDocument } from '@chatapp/api';
import { stringify } from 'yaml';
import { legacyOpenApiPaths } from '../legacy/openapi';
import { mediaOpenApiPaths } from '../media/openapi';

/** The served OpenAPI document: the v1 API generated from the router, the media routes, the legacy routes. Built once. */
export interface OpenApiDocuments {
  json: string;
  yaml: string;
}

let cached: OpenApiDocuments | undefined;

export function openApiDocuments(): OpenApiDocuments {
  if (!cached) {
    const document = buildOpenApiDocument({
      extraPaths: { ...legacyOpenApiPaths('/'), ...mediaOpenApiPaths() },
    });
    cached = { json: JSON.stringify(document), yaml: stringify(document) };
  }
  return cached;
}
