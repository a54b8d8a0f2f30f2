import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycle, folderGraph, importGraph } from '../../../packages/domain/test/support/import-graph';

// The server's folders import each other without loops: the dispatcher sits beside app.ts (the composition), the
// low-level HTTP helpers (http/) and the shared legacy modules (legacy/) import no transport, and the legacy route
// table is handed to its handler and to the docs rather than imported by them.
const SRC = resolve(__dirname, '../src');

describe('the server folders', () => {
  const files = importGraph(SRC);

  it('import each other without loops', () => {
    expect(findCycle(folderGraph(SRC, files))).toBeNull();
  });

  it('have no import loops between files either (the legacy socket and its command table included)', () => {
    const cycle = findCycle(files);
    expect(cycle?.map((file) => relative(SRC, file)) ?? null).toBeNull();
  });
});
