import { useSyncExternalStore } from 'react';

/**
 * A value outside React that components follow (the outbox, typing signals): `set` replaces it and notifies.
 * The value is replaced, never mutated, so React sees each change.
 */
export class ExternalStore<T> {
  private readonly listeners = new Set<() => void>();
  constructor(private value: T) {}
  get = (): T => this.value;
  set(next: T): void {
    if (next === this.value) return;
    this.value = next;
    for (const listener of this.listeners) listener();
  }
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The store's current value; the component re-renders when it is replaced. */
export function useStore<T>(store: ExternalStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
