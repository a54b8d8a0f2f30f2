import { readFileSync } from 'node:fs';
import { REPO_ROOT } from './paths';

/**
 * Summarises a V8 `.cpuprofile` (what `--cpu-prof` writes): self time per function and per file, highest first.
 * `tsx bench/src/profile-summary.ts <file.cpuprofile> [top]` — how the findings in docs/performance.md were read.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarizeProfile(path: string, top = 25): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  // Library time charged to the nearest product function up the stack: which of our calls costs what.
  const byProductCaller = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const file = shorten(frame.url) || `(${frame.functionName || 'native'})`;
    const fn = `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    let caller: number | undefined = id;
    while (caller !== undefined && !isProductFrame(byId.get(caller)?.callFrame.url ?? ''))
      caller = parentOf.get(caller);
    const productFrame = caller === undefined ? undefined : byId.get(caller)?.callFrame;
    const productName = productFrame
      ? `${productFrame.functionName || '(anonymous)'} ${shorten(productFrame.url)}:${productFrame.lineNumber + 1}`
      : '(no product frame: idle, GC, I/O, libraries)';
    byProductCaller.set(productName, (byProductCaller.get(productName) ?? 0) + ms);
  }
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  return [
    `${(total / 1000).toFixed(1)} s sampled`,
    `by function (self):\n${list(byFunction)}`,
    `by file (self):\n${list(byFile)}`,
    `by nearest product function (self time of everything it called into libraries):\n${list(byProductCaller)}`,
  ].join('\n');
}

function isProductFrame(url: string): boolean {
  return url.includes('/packages/') || url.includes('/apps/') ? !url.includes('node_modules') : false;
}

function shorten(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(REPO_ROOT, '')
    .replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const [path, top] = process.argv.slice(2);
  if (!path) throw new Error('usage: tsx bench/src/profile-summary.ts <file.cpuprofile> [top]');
  console.log(summarizeProfile(path, Number(top ?? 25)));
}
