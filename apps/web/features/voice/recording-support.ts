/**
 * What the browser can record into, best first: Opus in WebM (Chromium, Firefox), Opus in Ogg (Firefox), then
 * AAC in MP4 (Safari). The server accepts each (it decides the type from the bytes). An empty string lets the
 * browser choose.
 */
const PREFERRED_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];

/** Why this browser cannot record a voice message, or null when it can. */
export function recordingProblem(): string | null {
  if (typeof window === 'undefined') return null;
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia)
    return 'This browser cannot record voice messages.';
  return null;
}

export function recordingMimeType(): string {
  return PREFERRED_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? '';
}

/** The user's words for a failed `getUserMedia`: refused, no microphone, or something else. */
export function microphoneProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Microphone access was refused. Allow it in the browser’s site settings to record.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found.';
  if (name === 'NotReadableError') return 'The microphone is in use by another app.';
  return 'The microphone could not be started.';
}
