import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// A small import graph of a source tree, for tests that keep its folders layered. Type-only imports count: a loop
// through types is still a loop to whoever reads the code.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Each file under `src` with the files its relative imports (and re-exports) resolve to. */
export function importGraph(src: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
      const base = resolve(dirname(file), match[1] ?? '');
      const found = [`${base}.ts`, join(base, 'index.ts')].find(isFile);
      if (found) targets.push(found);
    }
    graph.set(file, targets);
  }
  return graph;
}

/**
 * The same graph between folders (a file's folder relative to `src`, e.g. `legacy/routes`); the root files ('')
 * are the composition and left out.
 */
export function folderGraph(src: string, files: Map<string, string[]>): Map<string, Set<string>> {
  const folderOf = (file: string) => {
    const path = relative(src, file);
    return path.includes('/') ? dirname(path) : '';
  };
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

/** A loop in `graph` (its nodes, the first repeated at the end), or null. */
export function findCycle<T>(graph: Map<T, Iterable<T>>): T[] | null {
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
