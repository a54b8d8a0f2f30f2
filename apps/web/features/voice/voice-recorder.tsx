'use client';

import { MicOff, SendHorizontal, Trash2, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { IconButton } from '../../ui/icon-button';
import { useMessenger } from '../messenger/runtime';
import { formatDuration } from './duration';
import type { RecordingStart } from './record-button';
import { microphoneProblem, recordingMimeType, recordingProblem } from './recording-support';

/** A voice message stops (and is sent) at this length: ten minutes of Opus stay far below the upload limit. */
const MAX_SECONDS = 10 * 60;
/** Shorter than this is a slip of the finger, not a message: it is dropped, as a cancel. */
const MIN_MS = 400;
/** A press held this long is "hold to record": its release sends. A shorter one was a click. */
const HOLD_MS = 400;

type State =
  | { step: 'starting' }
  | { step: 'recording'; startedAt: number }
  | { step: 'failed'; problem: string };

/** One recording in progress: the microphone, the recorder and what it wrote so far. */
interface Take {
  stream: MediaStream;
  recorder: MediaRecorder;
  chunks: Blob[];
  /** `performance.now()` when it started recording. */
  startedAt: number;
}

/**
 * Records a voice message in place of the composer's text box: the microphone starts at once (the browser asks
 * for permission the first time), a timer runs, and the message is sent or cancelled. Either way, and when the
 * conversation is left, the microphone is released. Sent through the outbox as an audio file, so it waits for
 * the network and shows its upload like a picture. Loaded only when the user starts recording.
 */
export function VoiceRecorder({
  conversationId,
  start: { pressedAt, released },
  onClose,
  onSent,
}: {
  conversationId: number;
  /** How it was started (see RecordButton). */
  start: RecordingStart;
  onClose: () => void;
  onSent: () => void;
}) {
  const { outbox } = useMessenger();
  const [state, setState] = useState<State>({ step: 'starting' });
  const [now, setNow] = useState(() => performance.now());
  const [holding, setHolding] = useState(pressedAt !== null);
  const take = useRef<Take | null>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  // The latest callbacks, for the recorder's stop handler (which outlives renders).
  const done = useRef({ onClose, onSent });
  done.current = { onClose, onSent };

  useEffect(() => {
    const problem = recordingProblem();
    if (problem) {
      setState({ step: 'failed', problem });
      return;
    }
    let cancelled = false;
    navigator.mediaDevices.getUserMedia({ audio: true }).then(
      (stream) => {
        if (cancelled) return release(stream);
        const mimeType = recordingMimeType();
        let recorder: MediaRecorder;
        try {
          recorder = new MediaRecorder(stream, mimeType ? { mimeType, audioBitsPerSecond: 32_000 } : {});
        } catch {
          release(stream);
          setState({ step: 'failed', problem: 'This browser cannot record voice messages.' });
          return;
        }
        const current: Take = { stream, recorder, chunks: [], startedAt: performance.now() };
        recorder.ondataavailable = (event) => {
          if (event.data.size > 0) current.chunks.push(event.data);
        };
        take.current = current;
        recorder.start(250);
        setState({ step: 'recording', startedAt: performance.now() });
      },
      (error: unknown) => {
        if (!cancelled) setState({ step: 'failed', problem: microphoneProblem(error) });
      },
    );
    return () => {
      cancelled = true;
      // Leaving the conversation (or the page) mid-recording drops the recording and frees the microphone.
      const current = take.current;
      take.current = null;
      if (current) {
        current.recorder.ondataavailable = null;
        current.recorder.onstop = null;
        if (current.recorder.state !== 'inactive') current.recorder.stop();
        release(current.stream);
      }
    };
  }, []);

  const recording = state.step === 'recording';
  useEffect(() => {
    if (!recording) return;
    sendButton.current?.focus();
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [recording]);

  const elapsedMs = state.step === 'recording' ? Math.max(0, now - state.startedAt) : 0;

  function finish(keep: boolean) {
    const current = take.current;
    take.current = null;
    if (!current) return done.current.onClose();
    const long = state.step === 'recording' && performance.now() - state.startedAt >= MIN_MS;
    const stopped = () => {
      release(current.stream);
      if (keep && long && current.chunks.length > 0) {
        const type = current.recorder.mimeType || current.chunks[0]?.type || 'audio/webm';
        outbox.sendFile(conversationId, 'audio', new Blob(current.chunks, { type }));
        done.current.onSent();
      }
      done.current.onClose();
    };
    current.recorder.onstop = stopped;
    if (current.recorder.state === 'inactive') stopped();
    else current.recorder.stop();
  }

  // For effects and promise callbacks: `finish` as of the latest render.
  const finishRef = useRef(finish);
  finishRef.current = finish;

  // Hold to record: releasing a long press sends. A short press was a click (recording goes on until Send or
  // Cancel), and so is a release before the microphone started (the browser's permission prompt took the click).
  useEffect(() => {
    if (pressedAt === null || !released) return;
    let mounted = true;
    void released.then((at) => {
      if (!mounted) return;
      setHolding(false);
      const current = take.current;
      if (current && at - pressedAt >= HOLD_MS && at >= current.startedAt) finishRef.current(true);
    });
    return () => {
      mounted = false;
    };
  }, [pressedAt, released]);

  // The cap: a recording that reaches it is sent as it is.
  useEffect(() => {
    if (elapsedMs >= MAX_SECONDS * 1000) finishRef.current(true);
  }, [elapsedMs]);

  if (state.step === 'failed') {
    return (
      <div className="flex min-h-10 items-center gap-3 rounded-2xl bg-danger-soft py-1 pr-1 pl-3 text-sm text-danger">
        <MicOff className="size-5 shrink-0" aria-hidden />
        <p role="alert" className="min-w-0 flex-1">
          {state.problem}
        </p>
        <IconButton label="Close" tooltipSide="top" onClick={onClose} className="text-danger">
          <X className="size-5" aria-hidden />
        </IconButton>
      </div>
    );
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the recorder cancels it
    <div
      className="flex items-center gap-1"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          finish(false);
        }
      }}
    >
      <IconButton label="Cancel recording" tooltipSide="top" onClick={() => finish(false)}>
        <Trash2 className="size-5" aria-hidden />
      </IconButton>
      <div className="flex h-10 min-w-0 flex-1 items-center gap-3 rounded-2xl bg-surface-2 px-4">
        <span
          className={
            recording
              ? 'size-2.5 shrink-0 animate-pulse rounded-full bg-danger'
              : 'size-2.5 shrink-0 rounded-full bg-muted'
          }
          aria-hidden
        />
        <span
          role="timer"
          aria-label={`Recording, ${formatDuration(elapsedMs / 1000)}`}
          className="text-[15px] font-medium tabular-nums"
        >
          {formatDuration(elapsedMs / 1000)}
        </span>
        <span className="truncate text-sm text-muted" aria-live="polite">
          {!recording ? 'Starting the microphone…' : holding ? 'Release to send' : 'Recording voice message…'}
        </span>
      </div>
      <IconButton
        ref={sendButton}
        label="Send voice message"
        tooltipSide="top"
        disabled={!recording}
        onClick={() => finish(true)}
        className="bg-accent text-on-accent hover:bg-accent-strong hover:text-on-accent disabled:bg-surface-2 disabled:text-muted"
      >
        <SendHorizontal className="size-5" aria-hidden />
      </IconButton>
    </div>
  );
}

/** Stops every track: the browser's "microphone in use" indicator goes off. */
function release(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
