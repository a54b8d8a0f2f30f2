import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Patches a cached answer with what a live event says. An answer being fetched meanwhile may have been read before
 * the event, and TanStack Query stores a fetch's result over any patch made while it ran: the patch would be lost
 * (a "Read" tick back at "Delivered", a new message gone, until the next event). So the patch is applied again to
 * that answer when it lands. Patches must therefore be idempotent (marks only move forward, messages are put by
 * id), which also makes a first load that lands after the event come out right.
 */
export function patchCached<T>(
  queryClient: QueryClient,
  queryKey: QueryKey,
  update: (cached: T | undefined) => T | undefined,
): void {
  queryClient.setQueryData<T>(queryKey, update);
  const query = queryClient.getQueryCache().find<T>({ queryKey, exact: true });
  if (!query || query.state.fetchStatus === 'idle') return;
  // Settles after the query stored the answer; a cancelled fetch gives way to one started after the event.
  query.promise?.then(
    () => queryClient.setQueryData<T>(queryKey, update),
    () => undefined,
  );
}
