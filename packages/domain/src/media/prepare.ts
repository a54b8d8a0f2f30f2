import { createHash } from 'node:crypto';
import { DomainError } from '../errors';
import { decodeBase64Media, tooLarge } from './decode';
import type { StoredFile } from './files';
import { processImage } from './images';
import { type SniffedType, sniffMedia } from './sniff';
import { MEDIA_FOLDERS, type MediaKind, type MediaLimits } from './types';

/** What the bytes may be: a message image or audio clip, a profile picture, or (direct upload) either kind. */
export type MediaPurpose = MediaKind | 'upload';

/** Validated, processed media, ready to be stored: its files and the values of its `media` row. */
export interface PreparedMedia {
  kind: MediaKind;
  mime: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  sha256: string;
  path: string;
  thumbPath: string | null;
  files: StoredFile[];
}

/** The largest input accepted for a purpose, before its type is known. */
export function maxInputBytes(limits: MediaLimits, purpose: MediaPurpose): number {
  if (purpose === 'audio') return limits.maxAudioBytes;
  if (purpose === 'upload') return Math.max(limits.maxImageBytes, limits.maxAudioBytes);
  return limits.maxImageBytes;
}

/** A legacy media field (base64 or data URL), decoded strictly and prepared. */
export function prepareBase64Media(
  limits: MediaLimits,
  value: string,
  purpose: MediaPurpose,
): Promise<PreparedMedia> {
  return prepareMedia(limits, decodeBase64Media(value, maxInputBytes(limits, purpose)), purpose);
}

/**
 * Checks what the bytes really are against what they are for, then builds the stored form: images re-encoded
 * (metadata stripped) with a thumbnail, audio as sent. Each file is named by the SHA-256 of its own bytes, in the
 * legacy folder of its kind: unguessable without the content, and never rewritten with other content.
 */
export async function prepareMedia(
  limits: MediaLimits,
  bytes: Buffer,
  purpose: MediaPurpose,
): Promise<PreparedMedia> {
  if (bytes.length === 0) throw new DomainError('invalid', 'Media is empty');
  const type = await sniffMedia(bytes);
  const kind: MediaKind = purpose === 'upload' ? type.kind : purpose;
  const expected = kind === 'audio' ? 'audio' : 'image';
  if (type.kind !== expected) {
    throw new DomainError(
      'unsupported',
      `Expected ${expected === 'audio' ? 'audio' : 'an image'}, got ${type.mime}`,
    );
  }
  const limit = type.kind === 'audio' ? limits.maxAudioBytes : limits.maxImageBytes;
  if (bytes.length > limit) throw tooLarge(limit);
  return type.kind === 'audio' ? prepareAudio(bytes, type) : prepareImage(bytes, type, kind, limits);
}

function prepareAudio(bytes: Buffer, type: SniffedType): PreparedMedia {
  const file = namedFile('audio', bytes, type.ext);
  return {
    kind: 'audio',
    mime: type.mime,
    sizeBytes: bytes.length,
    width: null,
    height: null,
    sha256: file.sha256,
    path: file.path,
    thumbPath: null,
    files: [file],
  };
}

async function prepareImage(
  bytes: Buffer,
  type: SniffedType,
  kind: MediaKind,
  limits: MediaLimits,
): Promise<PreparedMedia> {
  const image = await processImage(
    bytes,
    type,
    kind === 'profile' ? 'profile' : 'message',
    limits.maxImagePixels,
  );
  const main = namedFile(kind, image.main.data, image.main.ext);
  const thumb = namedFile(kind, image.thumb.data, image.thumb.ext);
  return {
    kind,
    mime: image.main.mime,
    sizeBytes: image.main.data.length,
    width: image.main.width,
    height: image.main.height,
    sha256: main.sha256,
    path: main.path,
    thumbPath: thumb.path,
    files: [main, thumb],
  };
}

function namedFile(kind: MediaKind, data: Buffer, ext: string): StoredFile & { sha256: string } {
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { path: `${MEDIA_FOLDERS[kind]}/${sha256}.${ext}`, data, sha256 };
}
