'use client';

import { Mic } from 'lucide-react';
import { IconButton } from '../../ui/icon-button';

/** How a recording was started: by a press (then releasing after a hold sends it) or by the keyboard. */
export interface RecordingStart {
  /** `performance.now()` of the pointer press; null when started from the keyboard. */
  pressedAt: number | null;
  /**
   * When the press ended (`performance.now()`). Watched from the press on, here: the recorder's code may still be
   * loading when a quick click's release comes, and it must not take a later release for the end of a hold.
   */
  released: Promise<number> | null;
}

/** Resolves when the pointer that is down now comes up (or is cancelled). */
function nextRelease(): Promise<number> {
  return new Promise((resolve) => {
    const done = () => {
      window.removeEventListener('pointerup', done);
      window.removeEventListener('pointercancel', done);
      resolve(performance.now());
    };
    window.addEventListener('pointerup', done);
    window.addEventListener('pointercancel', done);
  });
}

/**
 * The microphone button. Both ways people know work: a click starts recording (then Send or Cancel), and holding
 * it down records until it is released, which sends. Recording starts on the press itself, so a hold loses nothing
 * at its start.
 */
export function RecordButton({ onStart }: { onStart: (start: RecordingStart) => void }) {
  return (
    <IconButton
      label="Record voice message"
      tooltipSide="top"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        onStart({ pressedAt: performance.now(), released: nextRelease() });
      }}
      onClick={(event) => {
        // A click without a pointer (detail 0) is Enter or Space on the focused button.
        if (event.detail === 0) onStart({ pressedAt: null, released: null });
      }}
      onContextMenu={(event) => event.preventDefault()}
    >
      <Mic className="size-5" aria-hidden />
    </IconButton>
  );
}
