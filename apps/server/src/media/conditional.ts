import type { IncomingMessage } from 'node:http';
import { media } from '@chatapp/domain';

/** A strong tag for content-addressed files (the hash in the name), a weak one from size and time otherwise. */
export function entityTag(path: string, stat: media.MediaStat): string {
  if (media.isContentAddressed(path)) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return `"${name.slice(0, name.indexOf('.'))}"`;
  }
  return `W/"${stat.size.toString(16)}-${stat.modifiedMs.toString(16)}"`;
}

/** Whether the client's cached copy is current (→ 304): If-None-Match, else If-Modified-Since (RFC 9110 §13.2.2). */
export function isNotModified(req: IncomingMessage, etag: string, modifiedMs: number): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Math.floor(modifiedMs / 1000) * 1000 <= since;
}

export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`), as audio players ask for when seeking. Anything else (no
 * header, another unit, several ranges, nonsense) is served whole, which RFC 9110 §14.2 allows. `If-Range` keeps
 * a range only while the client's validator still matches.
 */
export function requestedRange(
  req: IncomingMessage,
  size: number,
  etag: string,
  lastModified: string,
): RangeRequest {
  const header = req.headers.range;
  if (!header) return { kind: 'whole' };
  const ifRange = req.headers['if-range'];
  // Only a strong tag or the exact date may keep a range valid (a weak tag cannot promise identical bytes).
  const current = (ifRange === etag && !etag.startsWith('W/')) || ifRange === lastModified;
  if (ifRange !== undefined && !current) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return { kind: 'whole' };
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (to !== '' && Number(to) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: to === '' ? size - 1 : Math.min(Number(to), size - 1) };
}
