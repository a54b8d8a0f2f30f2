import { describe, expect, it } from 'vitest';
import { serverForSuite } from './support/suite-server';

const { server, api } = serverForSuite();

describe('process endpoints', () => {
  it('runs on the database the suite was configured for', () => {
    expect(server().app.database.dialect).toBe(server().database.dialect);
  });

  it('answers /healthz and /readyz with JSON', async () => {
    expect(await api().get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await api().get('/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready', database: 'ok' },
    });
  });

  it('serves the OpenAPI document as JSON and YAML, covering v1 and legacy routes', async () => {
    const json = await api().get<{ openapi: string; paths: Record<string, unknown> }>('/swagger.json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\.1/);
    for (const path of [
      '/auth/signup',
      '/auth/login',
      '/users/me',
      '/signup/',
      '/login/',
      '/get/',
      '/update/',
      '/fetchAllUsers/',
    ]) {
      expect(json.body.paths, path).toHaveProperty([path]);
    }
    const yaml = await fetch(`${server().baseUrl}/swagger.yaml`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('yaml');
    expect(await yaml.text()).toContain('/fetchAllUsers/:');
  });

  it('serves Swagger UI and ReDoc from local assets', async () => {
    const swagger = await fetch(`${server().baseUrl}/swagger/`);
    expect(swagger.headers.get('content-type')).toContain('text/html');
    const html = await swagger.text();
    expect(html).toContain('/swagger/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const bundle = await fetch(`${server().baseUrl}/swagger/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const redoc = await fetch(`${server().baseUrl}/redoc/assets/redoc.standalone.js`);
    expect(redoc.status).toBe(200);
  });

  it('answers unknown API paths with JSON errors', async () => {
    const v1 = await api().get('/api/v1/nope');
    expect(v1.status).toBe(404);
    expect(v1.headers.get('content-type')).toContain('application/json');
    const rpc = await api().get('/trpc/nope.nothing');
    expect(rpc.status).toBe(404);
    expect(rpc.headers.get('content-type')).toContain('application/json');
  });

  it('refuses WebSocket upgrades on paths nobody serves', async () => {
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(`ws://127.0.0.1:${server().port}/not-a-socket/`);
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      socket.on('error', () => resolve('error'));
    });
    expect(outcome).not.toBe('open');
  });
});
