import { useEffect, useState } from 'react';

/** False in the prerendered HTML and until React runs: a submit button waits for it, so no native submit. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
