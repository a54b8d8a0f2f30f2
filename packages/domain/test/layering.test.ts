import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The domain's folders form layers, and this keeps them so: read bottom-up,
//   realtime/ (event-agnostic machinery) and media/ import no other area;
//   model/ (what a message is and how it is read) imports media/ only;
//   events/ (the domain's events and publishers) imports model/ and realtime/;
//   conversations/, then messages/ and accounts/ above it.
// The root files (deps.ts, runtime.ts, errors.ts, index.ts) compose the areas and are left out. Type-only imports
// count: a loop through types is still a loop to whoever reads the code.
const SRC = resolve(__dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Each file's relative imports (and re-exports), resolved to files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
      const base = resolve(dirname(file), match[1] ?? '');
      const candidates = [`${base}.ts`, join(base, 'index.ts')];
      const found = candidates.find((candidate) => {
        try {
          return statSync(candidate).isFile();
        } catch {
          return false;
        }
      });
      if (found) targets.push(found);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The folder under src a file is in ('' for the root files). */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  return parts.length > 1 ? (parts[0] ?? '') : '';
}

function folderGraph(files: Map<string, string[]>): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = folderOf(file);
    if (from === '') continue;
    const edges = folders.get(from) ?? new Set<string>();
    folders.set(from, edges);
    for (const target of targets) {
      const to = folderOf(target);
      if (to !== '' && to !== from) edges.add(to);
    }
  }
  return folders;
}

function findCycle<T>(graph: Map<T, Iterable<T>>): T[] | null {
  const state = new Map<T, 'open' | 'done'>();
  const path: T[] = [];
  const visit = (node: T): T[] | null => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('the domain folders', () => {
  const files = importGraph();
  const folders = folderGraph(files);

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
