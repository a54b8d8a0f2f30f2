import { Parser } from '@asyncapi/parser';
import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { documentedChannels } from '../src/docs/asyncapi/document';
import { startTestServer, type TestServer } from './support/server';

type Json = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

let server: TestServer;
let openApi: Json;
let asyncApi: Json;

async function getJson(path: string): Promise<Json> {
  const response = await fetch(`${server.baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
}

beforeAll(async () => {
  server = await startTestServer();
  openApi = await getJson('/swagger.json');
  asyncApi = await getJson('/asyncapi.json');
});
afterAll(() => server.close());

/** Every operation of the document with its path and method. */
function operations(document: Json): Array<{ path: string; method: string; operation: Json }> {
  return Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      path,
      method,
      operation: item[method] as Json,
    })),
  );
}

const isLegacy = (operation: Json) =>
  ((operation.tags ?? []) as string[]).some((tag) => tag.startsWith('Legacy'));

/** Words and examples: changing them breaks no client, so the snapshot leaves them out. */
const PROSE = new Set(['description', 'summary', 'title', 'examples', 'example']);

/**
 * The shapes alone: every local `$ref` replaced by what it points at (so a change to a shared schema shows), and
 * no prose.
 */
function inlined(value: unknown, root: Json, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((inner) => inlined(inner, root, depth));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as Json).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/') && depth < 20) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], root);
    return inlined(target, root, depth + 1);
  }
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, inner]) => !(PROSE.has(key) && (typeof inner === 'string' || key.startsWith('example'))))
      .map(([key, inner]) => [key, inlined(inner, root, depth)]),
  );
}

describe('the OpenAPI document (/swagger.json)', () => {
  it('is valid OpenAPI, by the ecosystem’s own parser', async () => {
    const result = await validate(structuredClone(openApi) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('gives every v1 operation a description, and every JSON body and answer an example', () => {
    const missing: string[] = [];
    for (const { path, method, operation } of operations(openApi)) {
      if (isLegacy(operation)) continue;
      const name = `${method.toUpperCase()} ${path}`;
      if (typeof operation.description !== 'string' || operation.description.length < 20)
        missing.push(`${name}: description`);
      const bodies = [
        ['request', (operation.requestBody as Json | undefined)?.content],
        ...Object.entries(operation.responses as Record<string, Json>)
          .filter(([status]) => status.startsWith('2'))
          .map(([status, response]) => [status, response.content]),
      ] as Array<[string, Record<string, Json> | undefined]>;
      for (const [where, content] of bodies) {
        const json = content?.['application/json'];
        if (json && json.example === undefined && json.examples === undefined)
          missing.push(`${name}: ${where} example`);
      }
    }
    expect(missing).toEqual([]);
    expect(operations(openApi).filter(({ operation }) => !isLegacy(operation)).length).toBeGreaterThan(30);
  });

  it('links Swagger UI and ReDoc to the events page', () => {
    expect(openApi.externalDocs).toMatchObject({ url: '/asyncapi/' });
    expect((openApi.info as Json).description).toContain('(/asyncapi/)');
  });
});

describe('the AsyncAPI document (/asyncapi.json)', () => {
  it('is valid AsyncAPI 3, by the ecosystem’s own parser (no errors, no warnings)', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(asyncApi));
    // Severity 0 is an error, 1 a warning; hints (such as "a newer AsyncAPI version exists") are left.
    const problems = diagnostics
      .filter((diagnostic) => diagnostic.severity <= 1)
      .map((diagnostic) => `${diagnostic.path.join('.')}: ${diagnostic.message}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(
      document
        ?.channels()
        .all()
        .map((channel) => channel.address()),
    ).toEqual(['/ws/global/', '/trpc']);
  });

  it('serves the same document as YAML', async () => {
    const response = await fetch(`${server.baseUrl}/asyncapi.yaml`);
    expect(response.headers.get('content-type')).toContain('yaml');
    expect(parseYaml(await response.text())).toEqual(asyncApi);
  });

  it('covers both directions of both sockets and every event type, each described with a valid example', () => {
    const channels = documentedChannels();
    const eventTypes = new Set<string>();
    for (const [channel, directions] of Object.entries(channels)) {
      for (const [direction, messages] of Object.entries(directions)) {
        expect(messages.length, `${channel} ${direction}`).toBeGreaterThan(0);
        for (const message of messages) {
          expect(message.description.length, message.name).toBeGreaterThan(10);
          expect(message.examples.length, message.name).toBeGreaterThan(0);
          for (const example of message.examples) {
            // The example must be what the code's own schema accepts (and so what the page shows is true).
            expect(message.schema.safeParse(example.payload).error, message.name).toBeUndefined();
          }
          const served = (asyncApi.channels as Record<string, Json>)[channel]?.messages as Json;
          expect(served[message.name], message.name).toBeDefined();
          if (message.name.startsWith('event')) eventTypes.add(message.title);
        }
      }
    }
    expect([...eventTypes].sort()).toEqual(
      [
        'conversation.changed',
        'message.created',
        'message.deleted',
        'message.edited',
        'presence',
        'receipt',
        'resync',
        'typing',
      ].sort(),
    );
    const legacy = (asyncApi.channels as Record<string, Json>).legacySocket?.messages as Json;
    for (const frame of [
      'legacyChatMessage',
      'legacyChatMessageFrame',
      'legacyConnectedUsers',
      'legacyError',
    ]) {
      expect(legacy[frame], frame).toBeDefined();
    }
  });
});

describe('the events page', () => {
  it('is served with its renderer from this server, nothing from a CDN', async () => {
    const page = await fetch(`${server.baseUrl}/asyncapi/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.filter((url) => !url.startsWith('/'))).toEqual([]);
    for (const asset of [...assets, '/asyncapi/init.js']) {
      expect((await fetch(`${server.baseUrl}${asset}`)).status, asset).toBe(200);
    }
  });

  it('answers unknown or escaping asset paths with a clean 404', async () => {
    for (const path of ['/asyncapi/assets/nope.js', '/asyncapi/assets/..%2F..%2Fpackage.json']) {
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});

describe('the legacy contract in the documents', () => {
  /**
   * A checked-in snapshot of the legacy REST routes and the legacy socket's frames, so that changing a shape
   * legacy clients depend on fails here until the snapshot is updated on purpose (docs/events.md says how).
   */
  it('matches the checked-in snapshot', async () => {
    const legacyPaths = Object.fromEntries(
      operations(openApi)
        .filter(({ operation }) => isLegacy(operation))
        .map(({ path, method, operation }) => [
          `${method.toUpperCase()} ${path}`,
          inlined(operation, openApi),
        ]),
    );
    const channel = (asyncApi.channels as Record<string, Json>).legacySocket;
    const legacySocket = inlined(
      {
        channel,
        operations: Object.fromEntries(
          Object.entries(asyncApi.operations as Record<string, Json>).filter(([name]) =>
            name.startsWith('legacy'),
          ),
        ),
      },
      asyncApi,
    );
    const snapshot = `${JSON.stringify({ rest: legacyPaths, socket: legacySocket }, null, 2)}\n`;
    // JSON, in a .snap file: Biome would reformat a .json one, and then it would never match.
    await expect(snapshot).toMatchFileSnapshot('./snapshots/legacy-documents.snap');
  });
});
