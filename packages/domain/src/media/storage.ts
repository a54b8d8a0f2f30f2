import type { Readable } from 'node:stream';

export interface MediaStat {
  size: number;
  modifiedMs: number;
}

/** Inclusive byte offsets, as in an HTTP `Range`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media files live, by path relative to the media root (`ImgMessages/<hash>.jpg`). Local disk today; the
 * interface is what an S3-compatible store would implement. Every method refuses an unsafe path (see
 * `normalizeMediaPath`) exactly like a missing file.
 */
export interface MediaStorage {
  /** Writes a whole file atomically: readers see the old file or the new one, never part of it. */
  put(path: string, data: Uint8Array): Promise<void>;
  /** Removes a file; a missing one is not an error. */
  delete(path: string): Promise<void>;
  /** Size and time of a regular file; null when missing, a directory, or unsafe. */
  stat(path: string): Promise<MediaStat | null>;
  /** A stream of the file (or of one range of it); null when `stat` would be null. */
  open(path: string, range?: ByteRange): Promise<Readable | null>;
}

/** A path segment may not be empty, `.`/`..` or hidden (temporary files), nor hold a separator or control code. */
function isBadSegment(segment: string): boolean {
  if (segment === '' || segment.startsWith('.')) return true;
  for (const char of segment) {
    const code = char.charCodeAt(0);
    if (char === '\\' || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * The canonical form of a relative media path, or null if it could name anything outside the media root. Paths are
 * checked segment by segment, so no spelling of `..` survives (callers decode percent-escapes first).
 */
export function normalizeMediaPath(path: string): string | null {
  const segments = path.split('/');
  if (segments.length > 8 || segments.some(isBadSegment)) return null;
  return segments.join('/');
}

const CONTENT_ADDRESSED = /^[0-9a-f]{64}\.[a-z0-9]{1,5}$/;

/** Whether a path's file name is `<sha256 of its bytes>.<ext>`: such a file never changes once written. */
export function isContentAddressed(path: string): boolean {
  return CONTENT_ADDRESSED.test(path.slice(path.lastIndexOf('/') + 1));
}
