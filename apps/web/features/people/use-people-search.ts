'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { UserSummary } from '../../trpc/types';
import { SEARCH_RESULTS } from './limits';
import { useDebouncedValue } from './use-debounced-value';

/** Long enough to skip the keys of a word being typed, short enough to feel instant. */
const DEBOUNCE_MS = 200;

/** What the result area shows. While a new search runs, the previous results stay (no flicker between keys). */
export type PeopleSearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; people: UserSummary[] }
  | { kind: 'error'; message: string }
  | { kind: 'empty' }
  | { kind: 'found'; people: UserSummary[] };

export interface PeopleSearch {
  query: string;
  setQuery: (query: string) => void;
  state: PeopleSearchState;
}

/**
 * A server-side people search (`users.search`) behind a text box: debounced, and without the people in
 * `exclude` (already chosen, already members). The server never returns the viewer.
 */
export function usePeopleSearch(exclude?: ReadonlySet<number>): PeopleSearch {
  const trpc = useTRPC();
  const [query, setQuery] = useState('');
  const wanted = query.trim();
  const settled = useDebouncedValue(wanted, DEBOUNCE_MS);
  const search = useQuery({
    ...trpc.users.search.queryOptions({ query: settled, limit: SEARCH_RESULTS }),
    enabled: settled.length > 0,
    placeholderData: keepPreviousData,
    // People rarely change; retyping a query shows its answer at once.
    staleTime: 30_000,
    // One retry covers a blip; beyond that the user sees why, and typing again retries.
    retry: 1,
  });

  const people = (search.data ?? []).filter((person) => !exclude?.has(person.id));
  let state: PeopleSearchState;
  if (!wanted) state = { kind: 'idle' };
  else if (wanted !== settled || search.isFetching) state = { kind: 'searching', people };
  else if (search.isError) state = { kind: 'error', message: search.error.message };
  else if (people.length === 0) state = { kind: 'empty' };
  else state = { kind: 'found', people };
  return { query, setQuery, state };
}
