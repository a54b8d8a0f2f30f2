import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');
const outDir = mkdtempSync(join(tmpdir(), 'chatapp-client-build-'));

/** The modules a built file imports (static `import … from` and `export … from`). */
function importsOf(code: string): string[] {
  return [...new Set([...code.matchAll(/\bfrom\s*"([^"]+)"/g)].map((match) => match[1] ?? ''))].sort();
}

beforeAll(() => {
  execFileSync(join(packageDir, 'node_modules/.bin/tsdown'), ['--out-dir', outDir, '--logLevel', 'error'], {
    cwd: packageDir,
    stdio: 'pipe',
  });
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the published build', () => {
  it('runs on tRPC’s client alone: nothing of the server is imported at run time', () => {
    expect(importsOf(readFileSync(join(outDir, 'index.js'), 'utf8'))).toEqual(['@trpc/client']);
  });

  it('declares its types with the router’s as its only import from this repository (README: the limits)', () => {
    const declarations = readFileSync(join(outDir, 'index.d.ts'), 'utf8');
    expect(importsOf(declarations)).toEqual(['@chatapp/api', '@trpc/client', '@trpc/server']);
    expect(declarations).toMatch(/import \{[^}]*AppRouter[^}]*\} from "@chatapp\/api"/);
    for (const name of [
      'createChatClient',
      'listen',
      'StreamEvent',
      'EventOf',
      'RouterInputs',
      'RouterOutputs',
    ]) {
      expect(declarations).toContain(name);
    }
  });
});
