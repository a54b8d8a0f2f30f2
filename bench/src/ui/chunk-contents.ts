/**
 * A best guess at what a minified chunk holds, from strings that survive minification (error URLs, attribute
 * names, component names). Turbopack's production chunks carry no module paths, so this is only a hint for the
 * per-chunk list; the analysis in docs/performance.md was done by reading the chunks.
 */
const MARKERS: ReadonlyArray<readonly [label: string, needle: string]> = [
  ['react-dom', 'react-dom'],
  ['React', 'react.dev/errors'],
  ['Next.js app router', 'next-router'],
  ['react-virtuoso', 'virtuoso'],
  ['radix-ui', 'radix'],
  ['lucide-react', 'lucide'],
  ['next-auth', 'next-auth'],
  ['@trpc/client', 'TRPCClientError'],
  ['@tanstack/react-query', 'QueryClient'],
  ['zod', 'ZodError'],
  ['messenger', 'Conversation list'],
  ['message pane', 'aria-label":"Messages'],
];

export function guessContents(source: string): string {
  return MARKERS.filter(([, needle]) => source.includes(needle))
    .map(([label]) => label)
    .join(', ');
}
