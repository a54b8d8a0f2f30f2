import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { asyncApiAssets, asyncApiInit, asyncApiPage } from './asyncapi/page';
import { type AsyncApiDocuments, lazyAsyncApiDocuments } from './asyncapi/served';
import { lazyOpenApiDocuments, type OpenApiDocuments } from './openapi-document';

/**
 * API docs, served offline from npm packages (no CDN): Swagger UI at /swagger/, ReDoc at /redoc/, and the
 * document at /swagger.json and /swagger.yaml (the legacy drf-yasg paths); the sockets' AsyncAPI document at
 * /asyncapi.json and /asyncapi.yaml, rendered at /asyncapi/.
 */
const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
const redocBundle = join(dirname(require.resolve('redoc/package.json')), 'bundles', 'redoc.standalone.js');

const swaggerAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const swaggerPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ChatApp API · Swagger UI</title>
<link rel="stylesheet" href="/swagger/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/swagger/assets/swagger-ui-bundle.js"></script>
<script src="/swagger/assets/swagger-ui-standalone-preset.js"></script>
<script src="/swagger/init.js"></script>
</body></html>`;

const swaggerInit = `window.ui = SwaggerUIBundle({
  url: '/swagger.json', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout'
});`;

const redocPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ChatApp API · ReDoc</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/swagger.json" hide-download-button></redoc>
<script src="/redoc/assets/redoc.standalone.js"></script></body></html>`;

function send(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendFile(res: ServerResponse, path: string, type: string): void {
  if (!existsSync(path)) {
    res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ detail: 'Not found.' }));
    return;
  }
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
  if (res.req.method === 'HEAD') res.end();
  else createReadStream(path).pipe(res);
}

/** Serves the docs; the handler returns true when it answered the request. */
export function createDocsHandler(): (
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
) => boolean {
  const documents = { openApi: lazyOpenApiDocuments(), asyncApi: lazyAsyncApiDocuments() };
  return (req, res, pathname) => serveDocs(req, res, pathname, documents);
}

function serveDocs(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  documents: { openApi: () => OpenApiDocuments; asyncApi: () => AsyncApiDocuments },
): boolean {
  const openApiDocuments = documents.openApi;
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  switch (pathname) {
    case '/swagger.json':
      send(res, 'application/json; charset=utf-8', openApiDocuments().json);
      return true;
    case '/swagger.yaml':
      send(res, 'application/yaml; charset=utf-8', openApiDocuments().yaml);
      return true;
    case '/swagger/':
      send(res, 'text/html; charset=utf-8', swaggerPage);
      return true;
    case '/swagger/init.js':
      send(res, 'text/javascript; charset=utf-8', swaggerInit);
      return true;
    case '/redoc/':
      send(res, 'text/html; charset=utf-8', redocPage);
      return true;
    case '/redoc/assets/redoc.standalone.js':
      sendFile(res, redocBundle, 'text/javascript; charset=utf-8');
      return true;
    case '/asyncapi.json':
      send(res, 'application/json; charset=utf-8', documents.asyncApi().json);
      return true;
    case '/asyncapi.yaml':
      send(res, 'application/yaml; charset=utf-8', documents.asyncApi().yaml);
      return true;
    case '/asyncapi/':
      send(res, 'text/html; charset=utf-8', asyncApiPage);
      return true;
    case '/asyncapi/init.js':
      send(res, 'text/javascript; charset=utf-8', asyncApiInit);
      return true;
  }
  if (pathname.startsWith('/asyncapi/assets/')) {
    const asset = asyncApiAssets[pathname.slice('/asyncapi/assets/'.length)];
    if (!asset) return false;
    sendFile(res, asset.path, asset.type);
    return true;
  }
  if (pathname.startsWith('/swagger/assets/')) {
    const name = pathname.slice('/swagger/assets/'.length);
    const type = swaggerAssets[name];
    if (!type) return false;
    sendFile(res, join(swaggerDir, name), type);
    return true;
  }
  if (pathname === '/swagger' || pathname === '/redoc' || pathname === '/asyncapi') {
    res.writeHead(301, { Location: `${pathname}/`, 'Content-Length': '0' }).end();
    return true;
  }
  return false;
}
