'use client';

import { Pause, Play, TriangleAlert } from 'lucide-react';
import { type SyntheticEvent, useRef, useState } from 'react';
import { cn } from '../../ui/cn';
import { formatDuration, formatLength } from './duration';

/**
 * A voice message in its bubble: play/pause, a seek slider and the time (the length until it plays, then the
 * position). The server answers Range requests, so seeking fetches only what is needed. Recordings made by
 * MediaRecorder (WebM) carry no length in their header: the browser reports an infinite duration until it has
 * read to the end, so the player asks it to seek far past the end once, which makes it find the real length.
 */
export function VoicePlayer({ src, mime, own }: { src: string; mime: string; own: boolean }) {
  const audio = useRef<HTMLAudioElement>(null);
  const probing = useRef(false);
  const [playing, setPlaying] = useState(false);
  const [duration, setDuration] = useState<number | null>(null);
  const [position, setPosition] = useState(0);
  const [unplayable, setUnplayable] = useState(() => cannotPlay(mime));

  function learnDuration(event: SyntheticEvent<HTMLAudioElement>) {
    const element = event.currentTarget;
    if (Number.isFinite(element.duration)) {
      setDuration(element.duration);
      if (probing.current) {
        probing.current = false;
        element.currentTime = 0;
      }
    } else if (!probing.current && element.readyState >= HTMLMediaElement.HAVE_METADATA) {
      probing.current = true;
      element.currentTime = Number.MAX_SAFE_INTEGER;
    }
  }

  function toggle() {
    const element = audio.current;
    if (!element) return;
    if (element.paused) {
      element.play().catch(() => setPlaying(false));
    } else {
      element.pause();
    }
  }

  function seek(seconds: number) {
    const element = audio.current;
    if (!element) return;
    element.currentTime = seconds;
    setPosition(seconds);
  }

  if (unplayable) {
    return (
      <span className="flex items-center gap-2 py-1 text-sm text-muted">
        <TriangleAlert className="size-4 shrink-0" aria-hidden />
        <span>
          This browser cannot play this voice message.{' '}
          <a href={src} download className="font-medium text-accent-strong underline">
            Download it
          </a>
        </span>
      </span>
    );
  }

  const length = duration ?? 0;
  // The length until it plays, then where it is (as the big messengers do).
  const time = playing || position > 0 ? formatDuration(position) : formatLength(length);
  const played = length > 0 ? Math.min(100, (position / length) * 100) : 0;
  return (
    <span className="flex w-60 max-w-full items-center gap-2 py-0.5" data-testid="voice-player">
      {/* biome-ignore lint/a11y/useMediaCaption: a voice message has no captions */}
      <audio
        ref={audio}
        src={src}
        preload="metadata"
        onLoadedMetadata={learnDuration}
        onDurationChange={learnDuration}
        onTimeUpdate={(event) => {
          if (!probing.current) setPosition(event.currentTarget.currentTime);
        }}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={(event) => {
          setPlaying(false);
          event.currentTarget.currentTime = 0;
          setPosition(0);
        }}
        onError={() => setUnplayable(true)}
        className="hidden"
      />
      <button
        type="button"
        onClick={toggle}
        aria-label={playing ? 'Pause voice message' : 'Play voice message'}
        className={cn(
          'inline-flex size-10 shrink-0 items-center justify-center rounded-full transition-colors',
          own
            ? 'bg-accent text-on-accent hover:bg-accent-strong'
            : 'bg-accent-soft text-accent-strong hover:bg-surface-3',
        )}
      >
        {playing ? (
          <Pause className="size-5" fill="currentColor" aria-hidden />
        ) : (
          <Play className="ml-0.5 size-5" fill="currentColor" aria-hidden />
        )}
      </button>
      <span className="flex min-w-0 flex-1 flex-col gap-1.5 pt-2">
        <input
          type="range"
          aria-label="Seek"
          aria-valuetext={`${formatDuration(position)} of ${formatLength(length)}`}
          min={0}
          max={length || 1}
          step={0.01}
          value={Math.min(position, length || 1)}
          disabled={!duration}
          onChange={(event) => seek(Number(event.target.value))}
          // The played part filled in the accent colour, the rest a faint track; a round thumb. Drawn on the
          // native range input itself, so keyboard, focus ring and screen readers stay the browser's own.
          style={{
            background: `linear-gradient(to right, var(--accent) ${played}%, color-mix(in srgb, var(--muted) 35%, transparent) ${played}%)`,
          }}
          className="h-1 w-full cursor-pointer appearance-none rounded-full outline-offset-4 disabled:cursor-default [&::-moz-range-thumb]:size-3 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border-0 [&::-moz-range-thumb]:bg-accent [&::-webkit-slider-thumb]:size-3 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:bg-accent"
        />
        <span className="text-xs text-muted tabular-nums" data-testid="voice-time">
          {duration === null ? '–:––' : time}
        </span>
      </span>
    </span>
  );
}

/** The browser says outright it cannot decode this type (an empty answer from canPlayType). */
function cannotPlay(mime: string): boolean {
  if (typeof document === 'undefined') return false;
  return document.createElement('audio').canPlayType(mime) === '';
}
