import { useSyncExternalStore } from 'react';

/**
 * The event socket's state as the user should see it: "connecting" until it first opens, "online", and
 * "reconnecting" after it dropped (tRPC's client retries on its own and resumes from the last event id).
 */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting';

export interface ConnectionStore {
  get(): ConnectionState;
  set(state: ConnectionState): void;
  subscribe(listener: () => void): () => void;
}

export function createConnectionStore(): ConnectionStore {
  let state: ConnectionState = 'connecting';
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useConnectionState(store: ConnectionStore): ConnectionState {
  return useSyncExternalStore(store.subscribe, store.get, () => 'connecting');
}
