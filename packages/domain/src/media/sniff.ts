import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../errors';

/** What the bytes turned out to be, and how we store and serve it. */
export interface SniffedType {
  kind: 'image' | 'audio';
  /** The Content-Type we serve it with. */
  mime: string;
  /** The extension of its stored name. */
  ext: string;
}

/**
 * Accepted formats by file-type's detected extension. WebM and MP4 are containers file-type reports as video;
 * browsers' MediaRecorder writes audio into them, so they are accepted and served as audio.
 */
const ACCEPTED: Record<string, SniffedType> = {
  jpg: { kind: 'image', mime: 'image/jpeg', ext: 'jpg' },
  png: { kind: 'image', mime: 'image/png', ext: 'png' },
  apng: { kind: 'image', mime: 'image/png', ext: 'png' },
  webp: { kind: 'image', mime: 'image/webp', ext: 'webp' },
  gif: { kind: 'image', mime: 'image/gif', ext: 'gif' },
  webm: { kind: 'audio', mime: 'audio/webm', ext: 'webm' },
  ogg: { kind: 'audio', mime: 'audio/ogg', ext: 'ogg' },
  opus: { kind: 'audio', mime: 'audio/ogg', ext: 'ogg' },
  oga: { kind: 'audio', mime: 'audio/ogg', ext: 'ogg' },
  spx: { kind: 'audio', mime: 'audio/ogg', ext: 'ogg' },
  m4a: { kind: 'audio', mime: 'audio/mp4', ext: 'm4a' },
  mp4: { kind: 'audio', mime: 'audio/mp4', ext: 'm4a' },
  mp3: { kind: 'audio', mime: 'audio/mpeg', ext: 'mp3' },
  wav: { kind: 'audio', mime: 'audio/wav', ext: 'wav' },
};

export const ACCEPTED_FORMATS = 'images: JPEG, PNG, WebP, GIF; audio: WebM, Ogg, MP4/M4A, MP3, WAV';

/** The type of `bytes` from their content alone; a declared MIME type or file name is never trusted (S31). */
export async function sniffMedia(bytes: Uint8Array): Promise<SniffedType> {
  const detected = await fileTypeFromBuffer(bytes);
  const accepted = detected ? ACCEPTED[detected.ext] : undefined;
  if (!accepted) {
    const what = detected ? `${detected.mime} content` : 'content of an unknown type';
    throw new DomainError('unsupported', `Unsupported media: ${what}. Accepted ${ACCEPTED_FORMATS}`);
  }
  return accepted;
}
