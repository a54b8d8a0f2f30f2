import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');
const bin = (name: string) => join(packageDir, '..', '..', 'node_modules', '.bin', name);
// Inside the package, so that the build and the consumer below resolve @trpc/* as an installed copy would.
const workDir = mkdtempSync(join(packageDir, '.build-test-'));
const outDir = join(workDir, 'dist');

/** The modules a built file imports (`import … from`, `export … from`, `import("…")`). */
function importsOf(code: string): string[] {
  const found = [...code.matchAll(/\bfrom\s*"([^"]+)"|import\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2] ?? '');
  return [...new Set(found)].sort();
}

beforeAll(() => {
  // What `pnpm build` runs, into a folder of this test.
  execFileSync(join(packageDir, 'node_modules/.bin/tsdown'), ['--out-dir', outDir, '--logLevel', 'error'], {
    cwd: packageDir,
    stdio: 'pipe',
  });
  execFileSync(bin('tsx'), ['scripts/router-types.ts', outDir], { cwd: packageDir, stdio: 'pipe' });
}, 180_000);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('the published build', () => {
  it('runs on tRPC’s client alone: nothing of the server is imported at run time', () => {
    expect(importsOf(readFileSync(join(outDir, 'index.js'), 'utf8'))).toEqual(['@trpc/client']);
  });

  it('declares every type itself: the router’s comes with it (router.d.ts), nothing from this repository', () => {
    const index = readFileSync(join(outDir, 'index.d.ts'), 'utf8');
    expect(importsOf(index)).toEqual(['./router.js', '@trpc/client', '@trpc/server']);
    const router = readFileSync(join(outDir, 'router.d.ts'), 'utf8');
    expect(importsOf(router)).toEqual(['@trpc/server', '@trpc/server/unstable-core-do-not-import']);
    expect(router).toContain('export type AppRouter');
  });

  it('types an outside project’s calls and events from the build alone', () => {
    const consumer = join(workDir, 'consumer');
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'main.ts'),
      `import { createChatClient, listen, type RouterOutputs } from '../dist/index.js';
const { api } = createChatClient({ url: 'http://127.0.0.1:8000' });
export async function run(): Promise<RouterOutputs['users']['me']> {
  const me = await api.users.me.query();
  listen({ api, reconnect: async () => {}, close: () => {} }, {
    onEvent: (event) => { if (event.type === 'message.created') console.log(event.message.body.length); },
  });
  console.log(me.nosuchfield);
  return me;
}
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true },
        files: ['main.ts'],
      }),
    );
    let output = '';
    try {
      execFileSync(bin('tsc'), ['-p', consumer, '--noEmit', '--skipLibCheck'], { stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: Buffer }).stdout ?? error);
    }
    // Exactly one error: the made-up field. Everything else resolved and typed (an `any` would accept it too).
    expect(output.trim().split('\n')).toEqual([
      expect.stringMatching(/main\.ts\(8,\d+\): error TS2339: Property 'nosuchfield' does not exist/),
    ]);
  });
});
