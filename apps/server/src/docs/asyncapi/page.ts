import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The AsyncAPI page, rendered in the browser by @asyncapi/react-component's standalone bundle, served from npm. */
const require = createRequire(import.meta.url);
const componentDir = dirname(require.resolve('@asyncapi/react-component/package.json'));

/** Asset name under /asyncapi/assets/ → file and content type. */
export const asyncApiAssets: Record<string, { path: string; type: string }> = {
  'asyncapi.js': {
    path: join(componentDir, 'browser', 'standalone', 'index.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'asyncapi.css': { path: join(componentDir, 'styles', 'default.min.css'), type: 'text/css; charset=utf-8' },
};

export const asyncApiPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ChatApp realtime events · AsyncAPI</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/asyncapi/assets/asyncapi.css"></head>
<body><nav style="font:14px sans-serif;padding:8px 16px">REST API: <a href="/swagger/">Swagger UI</a> ·
<a href="/redoc/">ReDoc</a> · documents: <a href="/asyncapi.json">asyncapi.json</a>,
<a href="/asyncapi.yaml">asyncapi.yaml</a></nav>
<div id="asyncapi"></div>
<script src="/asyncapi/assets/asyncapi.js"></script>
<script src="/asyncapi/init.js"></script>
</body></html>`;

export const asyncApiInit = `AsyncApiStandalone.render({
  schema: { url: '/asyncapi.json', requestOptions: {} },
  config: { show: { sidebar: true, errors: true } },
}, document.getElementById('asyncapi'));`;
