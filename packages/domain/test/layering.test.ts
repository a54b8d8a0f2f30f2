import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycle, folderGraph, importGraph } from './support/import-graph';

// The domain's folders form layers, and this keeps them so: read bottom-up,
//   realtime/ (event-agnostic machinery) and media/ import no other area;
//   model/ (what a message is and how it is read) imports media/ only;
//   events/ (the domain's events and publishers) imports model/ and realtime/;
//   conversations/, then messages/ and accounts/ above it.
// The root files (deps.ts, runtime.ts, errors.ts, index.ts) compose the areas and are left out.
const SRC = resolve(__dirname, '../src');

describe('the domain folders', () => {
  const files = importGraph(SRC);
  const folders = folderGraph(SRC, files);

  it('import each other without loops', () => {
    expect(findCycle(folders)).toBeNull();
  });

  it('keep the realtime machinery and media free of the other areas, and model below the events', () => {
    expect([...(folders.get('realtime') ?? [])]).toEqual([]);
    expect([...(folders.get('media') ?? [])]).toEqual([]);
    expect([...(folders.get('model') ?? [])].sort()).toEqual(['media']);
    expect([...(folders.get('events') ?? [])].sort()).toEqual(['model', 'realtime']);
  });

  it('have no import loops between files either', () => {
    const cycle = findCycle(files);
    expect(cycle?.map((file) => relative(SRC, file)) ?? null).toBeNull();
  });
});
