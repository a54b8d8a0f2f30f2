import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { patchCached } from '../lib/patch-cached';

/**
 * A live event patches a cached answer while that answer is being fetched: the fetch was answered from the state
 * before the event, and must not put it back. The "server" here is a value read when a fetch starts, answered when
 * the test lets it.
 */
interface Marks {
  read: number;
}

function heldServer(initial: Marks) {
  let state = initial;
  let requests = 0;
  const held: Array<() => void> = [];
  return {
    set: (next: Marks) => {
      state = next;
    },
    queryFn: () => {
      requests += 1;
      const answer = state;
      return new Promise<Marks>((resolve) => held.push(() => resolve(answer)));
    },
    answerAll: () => {
      for (const answer of held.splice(0)) answer();
    },
    heldCount: () => held.length,
    requests: () => requests,
  };
}

async function settled(queryClient: QueryClient, server: ReturnType<typeof heldServer>) {
  await expect
    .poll(() => {
      server.answerAll();
      return queryClient.isFetching();
    })
    .toBe(0);
}

const key = ['receipts', 1];
/** The event: the mark moved to 2 (nothing to patch before a first answer). */
const readUpTo2 = (cached: Marks | undefined) => (cached ? { read: 2 } : cached);

/** A cache holding the server's first answer, `{ read: 1 }`. */
async function loaded() {
  const queryClient = new QueryClient();
  const server = heldServer({ read: 1 });
  const first = queryClient.fetchQuery({ queryKey: key, queryFn: server.queryFn });
  server.answerAll();
  await first;
  return { queryClient, server };
}

describe('patchCached', () => {
  it('a patch made while the answer is refetched outlives the older answer', async () => {
    const { queryClient, server } = await loaded();
    void queryClient.refetchQueries({ queryKey: key });
    expect(server.heldCount()).toBe(1);
    server.set({ read: 2 });
    patchCached<Marks>(queryClient, key, readUpTo2);
    await settled(queryClient, server);

    expect(queryClient.getQueryData(key)).toEqual({ read: 2 });
    // The patch is applied again to the answer: no request more.
    expect(server.requests()).toBe(2);
  });

  it('an event during the first load (nothing to patch yet) is in the answer finally kept', async () => {
    const queryClient = new QueryClient();
    const server = heldServer({ read: 1 });
    void queryClient.prefetchQuery({ queryKey: key, queryFn: server.queryFn });
    server.set({ read: 2 });
    patchCached<Marks>(queryClient, key, readUpTo2);
    await settled(queryClient, server);

    expect(queryClient.getQueryData(key)).toEqual({ read: 2 });
    expect(server.requests()).toBe(1);
  });

  it('with no fetch running, a patch is all that happens', async () => {
    const { queryClient, server } = await loaded();
    patchCached<Marks>(queryClient, key, readUpTo2);
    expect(queryClient.getQueryData(key)).toEqual({ read: 2 });
    expect(queryClient.isFetching()).toBe(0);
    expect(server.requests()).toBe(1);
  });
});
