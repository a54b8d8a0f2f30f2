'use client';

import { lazy, Suspense, useState } from 'react';
import type { MenuProps } from './menu';

export type { MenuEntry } from './menu';

const loadMenu = () => import('./menu');
const Menu = lazy(() => loadMenu().then((module) => ({ default: module.Menu })));

/**
 * A button that opens a menu. The menu's code (Radix's menu, its positioning and focus handling) is not part of
 * the page's first load: the pointer or focus reaching the button starts loading it, and the first click swaps in
 * the real menu, open. Until then the button is a plain one that looks the same.
 */
export function MenuButton(props: MenuProps) {
  const [wanted, setWanted] = useState(false);
  const plain = (
    <button
      ref={props.buttonRef}
      type="button"
      aria-label={props.label}
      aria-haspopup="menu"
      aria-expanded={false}
      className={props.buttonClassName}
      onPointerEnter={() => void loadMenu()}
      onFocus={() => void loadMenu()}
      onClick={() => setWanted(true)}
    >
      {props.button}
    </button>
  );
  if (!wanted) return plain;
  return (
    <Suspense fallback={plain}>
      <Menu {...props} />
    </Suspense>
  );
}
