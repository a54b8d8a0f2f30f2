import { useState } from 'react';

/**
 * True from the first time `open` is true, for good: a dialog loaded on demand (`next/dynamic`) is mounted when
 * first opened, not with the page, and then stays mounted so that it can play its closing animation and reopen at
 * once.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
