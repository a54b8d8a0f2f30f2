import type { MediaTable } from '@chatapp/db';
import type { Selectable } from 'kysely';
import type { MediaStorage } from './storage';

export type MediaRow = Selectable<MediaTable>;

/** What a stored upload is for; `profile` pictures are square-cropped images. */
export type MediaKind = 'image' | 'audio' | 'profile';

/** Configured bounds (env MEDIA_MAX_*), checked before any decoding work. */
export interface MediaLimits {
  maxImageBytes: number;
  maxAudioBytes: number;
  /** width × height of an input image; larger ones are refused before their pixels are decoded. */
  maxImagePixels: number;
}

/** The media part of the domain's dependencies. */
export interface MediaDeps {
  storage: MediaStorage;
  limits: MediaLimits;
}

/**
 * The folders of the legacy service (contract §6.2): its clients prefix these relative paths with their media base
 * URL, so stored files keep living there.
 */
export const MEDIA_FOLDERS: Record<MediaKind, string> = {
  image: 'ImgMessages',
  audio: 'AudioMessages',
  profile: 'profiles',
};

/** Stored media as the domain hands it out; paths are relative to the media root (`ImgMessages/…`). */
export interface MediaSummary {
  id: number;
  kind: MediaKind;
  mime: string;
  size_bytes: number;
  width: number | null;
  height: number | null;
  path: string;
  thumb_path: string | null;
}

export function toMediaSummary(row: MediaRow): MediaSummary {
  return {
    id: row.id,
    kind: row.kind as MediaKind,
    mime: row.mime,
    size_bytes: row.size_bytes,
    width: row.width,
    height: row.height,
    path: row.path,
    thumb_path: row.thumb_path,
  };
}
