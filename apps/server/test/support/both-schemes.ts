import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousAxeViolations } from './axe';
import { screenshot } from './screenshots';

/**
 * Until the animations that end have ended (menus fade and pop in): axe and screenshots see the final state.
 * Endless ones (the recording dot's pulse) are left running: they never finish.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    interface Running {
      finished: Promise<unknown>;
      effect: { getComputedTiming(): { iterations?: number } } | null;
    }
    const { document, requestAnimationFrame } = globalThis as unknown as {
      document: { getAnimations(): Running[] };
      requestAnimationFrame(callback: () => void): number;
    };
    // Two frames first: an animation that a render just scheduled has started by then.
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const ending = document
      .getAnimations()
      .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().iterations ?? 1));
    await Promise.all(ending.map((animation) => animation.finished.catch(() => undefined)));
  });
}

/**
 * The screen as it is now, in light and in dark (the system's scheme; contrast differs): axe finds no serious or
 * critical violation in either, and screenshots/<name>-<scheme>.png shows each. Light again afterwards.
 */
export async function checkBothSchemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await settled(page);
    expect(await seriousAxeViolations(page), `${name} (${colorScheme})`).toEqual([]);
    await screenshot(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
